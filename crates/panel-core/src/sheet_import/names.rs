//! The names councils give their partners in a tracker's headings — "LA share", "CCG %",
//! "HNB contribution" — kept as one list by kind of partner, and each partner's own other
//! names (a setting: "this partner is also called …"), with how a heading is matched to a
//! partner by them.

use crate::spend::Partner;

/// A kind of partner councils name in several ways, the words in a partner's code or name
/// that say it is of this kind, and the names its column is headed by.
struct Kind {
    /// Words (or runs of words) of a partner's code or name that say it is of this kind.
    marks: &'static [&'static str],
    /// The names its column is headed by.
    names: &'static [&'static str],
}

/// The kinds, the first that a partner's code or name marks being its kind: adult care
/// before social care ("Adult social care"), health before the council ("NHS … council").
const KINDS: &[Kind] = &[
    Kind {
        marks: &["virtual school", "vs", "vsh"],
        names: &["Virtual school", "VS", "VSH", "Pupil premium plus", "PP+"],
    },
    Kind {
        marks: &["adult", "adults", "asc"],
        names: &[
            "ASC",
            "Adult social care",
            "Adult care",
            "Adults",
            "Adult services",
            "Adults social care",
        ],
    },
    Kind {
        marks: &["health", "nhs", "icb", "ccg", "chc", "ics", "he", "hlth"],
        names: &[
            "Health",
            "NHS",
            "ICB",
            "CCG",
            "CHC",
            "ICS",
            "Continuing care",
            "Continuing healthcare",
            "Health (ICB)",
            "Health (CCG)",
        ],
    },
    Kind {
        marks: &[
            "education",
            "ed",
            "edu",
            "hnb",
            "high needs",
            "sen",
            "send",
            "dsg",
        ],
        names: &[
            "Education",
            "Ed",
            "Edu",
            "HNB",
            "High needs",
            "High needs block",
            "SEN",
            "SEND",
            "DSG",
        ],
    },
    Kind {
        marks: &[
            "social care",
            "social services",
            "sc",
            "csc",
            "la",
            "council",
            "local authority",
            "children",
            "childrens",
        ],
        names: &[
            "LA",
            "Council",
            "SC",
            "CSC",
            "Social care",
            "Children's social care",
            "Children's services",
            "Local authority",
            "Social services",
            "LA social care",
        ],
    },
];

/// The words of a text, lower case: letters and digits, an apostrophe dropped ("children's"
/// is "childrens"), `+` kept as a word of its own ("PP+").
pub(super) fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '’') {
            continue;
        } else {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            if c == '+' {
                out.push("+".into());
            }
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Whether `part` is a run of words within `whole`.
fn contains_run(whole: &[String], part: &[String]) -> bool {
    !part.is_empty() && whole.windows(part.len()).any(|w| w == part)
}

/// The kind of a partner, by the words of its code and name.
fn kind_of(p: &Partner) -> Option<usize> {
    let mut own = words(&p.code);
    own.extend(words(&p.name));
    KINDS
        .iter()
        .position(|k| k.marks.iter().any(|m| contains_run(&own, &words(m))))
}

/// One name a partner goes by, and how surely it names that partner: its own names (code,
/// name, the name before a bracket, its aliases) before the names of its kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartnerName {
    /// The name, as written.
    pub name: String,
    /// Whether it is the partner's own (not one of its kind's).
    pub own: bool,
    words: Vec<String>,
}

/// Every name each partner goes by, in partner order: its own (code, name, the name before a
/// bracket, its aliases), then those of its kind — except a kind's name that is another
/// partner's own, or that belongs to two partners of the same kind (two health partners are
/// each told apart by their own names only).
pub fn partner_names(partners: &[Partner]) -> Vec<Vec<PartnerName>> {
    let kinds: Vec<Option<usize>> = partners.iter().map(kind_of).collect();
    let own: Vec<Vec<String>> = partners
        .iter()
        .map(|p| {
            let mut v = vec![p.code.clone(), p.name.clone()];
            if let Some((before, _)) = p.name.split_once('(') {
                v.push(before.trim().to_string());
            }
            v.extend(p.aliases.iter().cloned());
            v.retain(|n| !words(n).is_empty());
            v
        })
        .collect();
    let owned_elsewhere = |k: usize, w: &[String]| {
        own.iter()
            .enumerate()
            .any(|(j, names)| j != k && names.iter().any(|n| words(n) == w))
    };
    partners
        .iter()
        .enumerate()
        .map(|(k, _)| {
            let mut out: Vec<PartnerName> = Vec::new();
            let push = |name: &str, own: bool, out: &mut Vec<PartnerName>| {
                let w = words(name);
                if !w.is_empty() && !out.iter().any(|n| n.words == w) {
                    out.push(PartnerName {
                        name: name.to_string(),
                        own,
                        words: w,
                    });
                }
            };
            for n in &own[k] {
                push(n, true, &mut out);
            }
            if let Some(kind) = kinds[k] {
                let shared = kinds.iter().filter(|x| **x == Some(kind)).count() > 1;
                if !shared {
                    for n in KINDS[kind].names {
                        if !owned_elsewhere(k, &words(n)) {
                            push(n, false, &mut out);
                        }
                    }
                }
            }
            out
        })
        .collect()
}

/// The words of a heading that say its column is a share, not an amount.
const SHARE_WORDS: &[&str] = &[
    "share",
    "shares",
    "split",
    "contribution",
    "contrib",
    "percent",
    "percentage",
    "proportion",
    "pct",
    "apportionment",
];

/// The words of a heading that say its column is an amount of money, not a share.
const MONEY_WORDS: &[&str] = &[
    "cost", "costs", "amount", "fee", "fees", "value", "spend", "weekly", "annual", "total",
];

/// The partner a heading names as holding its share, if one does: the heading names it (a
/// name of the partner is a run of the heading's words) and either says it is a share (`%`,
/// "share", "split", "contribution" …) or is the name alone; not when it speaks of money
/// ("£", "cost"). Of the partners named, the one named most surely (its own name first, then
/// the longest); none when two are named equally.
pub fn share_partner(heading: &str, names: &[Vec<PartnerName>]) -> Option<usize> {
    let w = words(heading);
    if w.is_empty() || heading.contains('£') || w.iter().any(|x| MONEY_WORDS.contains(&x.as_str()))
    {
        return None;
    }
    let shareish = heading.contains('%') || w.iter().any(|x| SHARE_WORDS.contains(&x.as_str()));
    let mut best: Option<((bool, usize, usize), usize)> = None;
    let mut tie = false;
    for (k, partner) in names.iter().enumerate() {
        let score = partner
            .iter()
            .filter(|n| contains_run(&w, &n.words) && (shareish || n.words == w))
            .map(|n| (n.own, n.words.len(), n.name.len()))
            .max();
        let Some(score) = score else { continue };
        match &best {
            Some((b, _)) if *b > score => {}
            Some((b, _)) if *b == score => tie = true,
            _ => {
                best = Some((score, k));
                tie = false;
            }
        }
    }
    if tie { None } else { best.map(|(_, k)| k) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn partner(code: &str, name: &str, aliases: &[&str]) -> Partner {
        Partner {
            code: code.into(),
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        }
    }

    #[test]
    fn headings_councils_write_find_their_partner() {
        let ps = [
            partner("SC", "Social care", &[]),
            partner("ED", "Education", &[]),
            partner("HE", "Health (ICB)", &[]),
        ];
        let names = partner_names(&ps);
        let found = |h: &str| share_partner(h, &names);
        for (h, want) in [
            ("LA share", Some(0)),
            ("LA %", Some(0)),
            ("Council %", Some(0)),
            ("SC", Some(0)),
            ("Social care", Some(0)),
            ("Children's Social Care %", Some(0)),
            ("% Social Care", Some(0)),
            ("Education", Some(1)),
            ("HNB %", Some(1)),
            ("SEN contribution", Some(1)),
            ("High Needs Block share", Some(1)),
            ("Health %", Some(2)),
            ("ICB share", Some(2)),
            ("NHS split", Some(2)),
            ("CCG share", Some(2)),
            ("Newcastle Gateshead CCG %", Some(2)),
            ("HE", Some(2)),
            // Not shares: money, or a name among other words with nothing saying share.
            ("Health cost £", None),
            ("LA weekly cost", None),
            ("Health needs", None),
            ("Placement", None),
            ("Case ref", None),
            ("Class", None),
        ] {
            assert_eq!(found(h), want, "{h}");
        }
    }

    #[test]
    fn a_partner_own_name_wins_and_two_of_a_kind_keep_to_their_own() {
        // Adult care is not social care; an alias given to one partner is taken from the
        // other's kind.
        let ps = [
            partner("CSC", "Children's social care", &[]),
            partner("ASC", "Adult social care", &[]),
            partner("ED", "Education", &["LA"]),
        ];
        let names = partner_names(&ps);
        assert_eq!(share_partner("Adult social care %", &names), Some(1));
        assert_eq!(share_partner("Social care %", &names), Some(0));
        assert_eq!(share_partner("LA %", &names), Some(2));
        // Two health partners: "Health %" names neither surely; their own names do.
        let ps = [
            partner("ICB", "North ICB", &[]),
            partner("TR", "Foundation trust health", &[]),
        ];
        let names = partner_names(&ps);
        assert_eq!(share_partner("Health %", &names), None);
        assert_eq!(share_partner("ICB %", &names), Some(0));
        assert_eq!(share_partner("North ICB share", &names), Some(0));
        // An old body named in an alias.
        let ps = [partner(
            "NENC",
            "North East and North Cumbria",
            &["Sunderland CCG"],
        )];
        let names = partner_names(&ps);
        assert_eq!(
            share_partner("Sunderland CCG contribution", &names),
            Some(0)
        );
        assert_eq!(
            share_partner("CCG %", &names),
            None,
            "no kind without a mark"
        );
    }
}
