/*
 * For running the Windows build's tests under Wine only; never shipped.
 *
 * Rust's standard library on Windows gets random bytes (for HashMap keys, temporary names)
 * from ProcessPrng in bcryptprimitives.dll, which every Windows 10 and 11 has and Wine 8
 * lacks. This stand-in, put beside the test programs, asks Wine's BCryptGenRandom instead.
 */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
