// What the screens show, read through one query cache: each read has a key (the screen's
// thing and its id), a second screen asking for the same thing reuses the answer, a reply that
// arrives after a newer question is never shown, and after any change every read is refreshed.
import { QueryClient, useQuery, type QueryKey } from "@tanstack/react-query";
import { asFailure } from "./api";

/** The app's one cache. A screen shows what the cache holds at once and reads again as it
 * opens (the `panel` command may have changed the database meanwhile); a failed read is not
 * retried behind the person's back. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false },
  },
});

/** The keys of the reads, by what they read. */
export const keys = {
  meetings: (): QueryKey => ["meetings"],
  meeting: (id: number): QueryKey => ["meeting", id],
  item: (id: number): QueryKey => ["item", id],
  agenda: (meetingId: number): QueryKey => ["agenda", meetingId],
  cases: (): QueryKey => ["cases"],
  case: (id: number): QueryKey => ["case", id],
  chairAction: (caseId: number): QueryKey => ["chair-action", caseId],
  settings: (): QueryKey => ["settings"],
  backups: (): QueryKey => ["backups"],
};

/** A read of the cache: its data once there, and the failure in words if it failed. */
export function useRead<T>(key: QueryKey, read: () => Promise<T>): { data: T | null; error: string | null; reading: boolean } {
  const q = useQuery({ queryKey: key, queryFn: read });
  return { data: q.data ?? null, error: q.error ? asFailure(q.error).message : null, reading: q.isFetching };
}

/** After a change: every read is refreshed (the screens on show at once, the others when next
 * shown), so nothing on screen is older than the change. */
export function changed(): Promise<void> {
  return queryClient.invalidateQueries();
}
