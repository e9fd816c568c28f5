//! Line-level cleaning of plain-text web copies: what was copied along with the article (share
//! prompts, comment threads, related links, "Back to top", tracking ids, analytics badges) is
//! cut out with a reason; photo credits stay and are marked as captions.
//!
//! Cleaning only ever drops whole lines and collapses the blank lines around them, so every
//! kept character is a verbatim copy and the offset map is exact. It is idempotent: cleaning
//! cleaned text changes nothing (a property test checks it).

use corroborate_model::{OffsetMap, RemovalReason, Removed, Span};
use regex::{Regex, RegexSet};
use std::sync::LazyLock;

/// The result of cleaning one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    pub text: String,
    /// Cleaned → input offsets (all pieces verbatim).
    pub offsets: OffsetMap,
    /// Removed lines; `raw` indexes the input text, `at` the cleaned text.
    pub removed: Vec<Removed>,
    /// Caption lines kept in the cleaned text.
    pub captions: Vec<Span>,
}

/// What one line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Keep,
    Blank,
    Caption,
    Drop(RemovalReason),
}

/// Cleans `text`, a plain-text copy of a web article.
pub fn clean(text: &str) -> Cleaned {
    let lines = split_lines(text);
    let kinds = classify(text, &lines);
    let mut out = String::with_capacity(text.len());
    let mut offsets = OffsetMap::new();
    let mut removed: Vec<Removed> = Vec::new();
    let mut captions = Vec::new();
    for (line, kind) in lines.iter().zip(&kinds) {
        let content = line.content;
        match kind {
            Kind::Drop(reason) => {
                // Consecutive dropped lines with one reason form one removed span.
                let slice = content.slice(text);
                if let Some(last) = removed.last_mut() {
                    if last.reason == *reason
                        && last.at == out.len()
                        && text[last.raw.end..content.start].trim().is_empty()
                    {
                        last.raw.end = content.end;
                        last.text = text[last.raw.range()].to_string();
                        continue;
                    }
                }
                removed.push(Removed {
                    raw: content,
                    at: out.len(),
                    reason: *reason,
                    text: slice.to_string(),
                });
            }
            Kind::Blank => {
                // Keep at most one blank line, never at the start.
                if !out.is_empty() && !out.ends_with("\n\n") {
                    let piece = Span::new(out.len(), out.len() + 1);
                    out.push('\n');
                    offsets.push(piece, Span::new(line.full.end - 1, line.full.end));
                }
            }
            Kind::Keep | Kind::Caption => {
                if !out.is_empty() && !out.ends_with('\n') {
                    // The previous kept line had no newline of its own (last line of input) —
                    // impossible here since only the final line lacks one.
                    out.push('\n');
                }
                let start = out.len();
                let piece = Span::new(start, start + line.full.len());
                out.push_str(line.full.slice(text));
                offsets.push(piece, line.full);
                if *kind == Kind::Caption {
                    captions.push(Span::new(start, start + content.len()));
                }
            }
        }
    }
    // Trailing whitespace carries nothing; cut it (and its pieces).
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    let mut clipped = OffsetMap::new();
    for p in offsets.pieces() {
        if p.clean.start >= trimmed {
            break;
        }
        let end = p.clean.end.min(trimmed);
        clipped.push(
            Span::new(p.clean.start, end),
            Span::new(p.raw.start, p.raw.start + (end - p.clean.start)),
        );
    }
    for r in &mut removed {
        r.at = r.at.min(trimmed);
    }
    Cleaned {
        text: out,
        offsets: clipped,
        removed,
        captions,
    }
}

#[derive(Debug, Clone, Copy)]
struct Line {
    /// The line including its terminator.
    full: Span,
    /// The line's trimmed content.
    content: Span,
}

fn split_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut pos = 0;
    for l in text.split_inclusive('\n') {
        let full = Span::new(pos, pos + l.len());
        out.push(Line {
            full,
            content: full.trim(text),
        });
        pos += l.len();
    }
    out
}

fn classify(text: &str, lines: &[Line]) -> Vec<Kind> {
    let mut kinds: Vec<Kind> = lines
        .iter()
        .map(|l| {
            let s = l.content.slice(text);
            if s.is_empty() {
                Kind::Blank
            } else {
                classify_line(s)
            }
        })
        .collect();
    // A comment thread runs from its opener to the end of the text.
    if let Some(first) = lines
        .iter()
        .position(|l| is_comment_opener(l.content.slice(text)))
    {
        for k in kinds.iter_mut().skip(first) {
            if *k != Kind::Blank {
                *k = Kind::Drop(RemovalReason::CommentThread);
            }
        }
    }
    // Short labels above the headline ("Policy", a tag name) are section navigation.
    let content: Vec<usize> = (0..lines.len())
        .filter(|&i| matches!(kinds[i], Kind::Keep))
        .collect();
    if let Some(&title) = content
        .iter()
        .take(3)
        .find(|&&i| is_headline_like(lines[i].content.slice(text)))
    {
        for &i in content.iter().take_while(|&&i| i < title) {
            if is_short_label(lines[i].content.slice(text)) {
                kinds[i] = Kind::Drop(RemovalReason::Navigation);
            }
        }
    }
    kinds
}

fn classify_line(s: &str) -> Kind {
    if s.chars().count() <= 160 {
        let lower = s.to_lowercase();
        let lower =
            lower.trim_matches(|c: char| c.is_whitespace() || c == '|' || c == '»' || c == '›');
        let m = JUNK.matches(lower);
        if let Some(i) = m.iter().next() {
            return Kind::Drop(JUNK_REASONS[i]);
        }
        if is_stray_id(s) {
            return Kind::Drop(RemovalReason::StrayId);
        }
    }
    if COOKIE.is_match(s) && s.chars().count() < 400 {
        return Kind::Drop(RemovalReason::CookieBanner);
    }
    if CAPTION.is_match(s) {
        return Kind::Caption;
    }
    Kind::Keep
}

/// Whole-line patterns (matched against the lowercased, trimmed line) and their reasons.
const JUNK_PATTERNS: &[(&str, RemovalReason)] = &[
    (
        r"^(share|share this|share this (article|story|post)|share (on|via) .{1,30}|sharing is caring|tweet|email|print|copy link|facebook|twitter|whatsapp|telegram|linkedin|pinterest|reddit|x)\s*:?$",
        RemovalReason::ShareWidget,
    ),
    (
        r"^((facebook|twitter|whatsapp|telegram|linkedin|pinterest|reddit|email|print|x)[\s,|]*){2,}$",
        RemovalReason::ShareWidget,
    ),
    (
        r"^(click to share on .*|share on (facebook|twitter|x|whatsapp|linkedin).*)$",
        RemovalReason::ShareWidget,
    ),
    (
        r"^(related|related (articles?|stories|posts|news|coverage|content|topics)|see also|you (may|might) also like|recommended( for you| stories| articles)?|more (stories|news|from .{1,40}|on this (story|topic))|also read|show more|load more|trending( now)?|most (read|popular|viewed)|popular (posts|stories)|latest (news|posts|stories)|in other news)\s*:?$",
        RemovalReason::RelatedLinks,
    ),
    (
        r"^(read more|read also|also read|read next|continue reading|keep reading)(?-u:\b).{0,120}$",
        RemovalReason::RelatedLinks,
    ),
    (
        r"^(back to top( button)?|go to top|scroll to top|skip to (main )?content|skip navigation|home|menu|search|main menu|toggle navigation|previous( article| post| story)?|next( article| post| story)?|prev)\s*:?$",
        RemovalReason::Navigation,
    ),
    (
        r"^(verified by monsterinsights|powered by [\w.\- ]{1,30}|all rights reserved\.?|copyright(?-u:\b).{0,100}|©.{0,120}|\(c\) \d{4}.{0,100}|terms of (use|service)|privacy policy|contact us|about us)$",
        RemovalReason::Footer,
    ),
    (
        r"^(subscribe|subscribe now|sign up|sign up for (our|the) .{0,40}newsletter.*|subscribe to (our|the) .{0,60}|get (the|our) .{0,40}newsletter.*|join our (mailing list|newsletter).*)$",
        RemovalReason::Subscription,
    ),
    (
        r"^(advertisement|advertising|sponsored|sponsored content|ad|promoted( content)?|- advertisement -)$",
        RemovalReason::Advertisement,
    ),
];

static JUNK: LazyLock<RegexSet> =
    LazyLock::new(|| RegexSet::new(JUNK_PATTERNS.iter().map(|(p, _)| p)).expect("junk patterns"));
static JUNK_REASONS: LazyLock<Vec<RemovalReason>> =
    LazyLock::new(|| JUNK_PATTERNS.iter().map(|(_, r)| *r).collect());

static COMMENT_OPENER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)^(leave a (reply|comment)|post a comment|add a comment|join the (conversation|discussion)|comments are closed\.?|(\d+|one|two|three|four|five|six|seven|eight|nine|ten) (thoughts?|comments?|responses?|replies) (on|to) .{0,200}|\d+ comments?|comments( \(\d+\))?|show comments|view comments|your email address will not be published.*)$"#)
        .expect("comment opener")
});

static COOKIE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(we|this (site|website)) uses? cookies(?-u:\b)|(?-u:\b)accept (all )?cookies(?-u:\b)|(?-u:\b)cookie (policy|settings|preferences)(?-u:\b)").expect("cookie")
});

/// Photo credits and dated captions: "… // Photo: EFE/NAME", "(Photo: …)", "Credit: …",
/// "REUTERS/Name", "Getty Images".
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(//\s*photo(?-u:\b)|\(photo:|(?-u:\b)photo(graph)?:\s|(?-u:\b)photo credit(?-u:\b)|(?-u:\b)image:\s|(?-u:\b)credit:\s|(?-u:\b)(reuters|efe|afp|ap|epa|anadolu)/[A-Z]|getty images|(?-u:\b)via getty(?-u:\b)|\(photo by(?-u:\b)|^photo by(?-u:\b))").expect("caption")
});

fn is_comment_opener(s: &str) -> bool {
    s.chars().count() <= 260 && COMMENT_OPENER.is_match(s)
}

/// A tracking or id line: tokens of hex digits (a UUID written with or without separators), or
/// one long token mixing digits and letters, and nothing a reader would call a word.
fn is_stray_id(s: &str) -> bool {
    let tokens: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.is_empty() {
        return false;
    }
    let hex = |t: &str| t.chars().all(|c| c.is_ascii_hexdigit());
    let digits: usize = s.chars().filter(|c| c.is_ascii_digit()).count();
    let alnum: usize = s.chars().filter(|c| c.is_ascii_alphanumeric()).count();
    if tokens.iter().all(|t| hex(t)) && alnum >= 16 && digits * 4 >= alnum {
        return true;
    }
    tokens.len() == 1
        && alnum >= 20
        && digits >= 4
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_=-+/".contains(c))
}

/// A headline: 4 to 30 words, most of them capitalized or short function words.
fn is_headline_like(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (4..=30).contains(&words.len()) && s.chars().count() <= 220
}

/// A section label: at most 3 words, no sentence punctuation.
fn is_short_label(s: &str) -> bool {
    let words = s.split_whitespace().count();
    words <= 3 && !s.contains(['.', '!', '?', ',', ':', '“', '"']) && s.chars().count() <= 40
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Shows each removed line with its reason, for readable expectations.
    fn removed(text: &str) -> Vec<(String, String)> {
        clean(text)
            .removed
            .iter()
            .map(|r| (r.reason.as_str().to_string(), r.text.clone()))
            .collect()
    }

    #[test]
    fn share_related_and_footer_lines() {
        let text = "Headline About the Fall of a Regime\nShare this:\n\nBody sentence one.\n\nShow More\n\nRelated Articles\n\nBack to top button\nVerified by MonsterInsights";
        let c = clean(text);
        assert_eq!(
            c.text,
            "Headline About the Fall of a Regime\n\nBody sentence one."
        );
        assert_eq!(
            removed(text),
            vec![
                ("share-widget".into(), "Share this:".into()),
                (
                    "related-links".into(),
                    "Show More\n\nRelated Articles".into()
                ),
                ("navigation".into(), "Back to top button".into()),
                ("footer".into(), "Verified by MonsterInsights".into()),
            ]
        );
    }

    #[test]
    fn comment_thread_runs_to_the_end() {
        let text = "A Headline With Enough Words\n\nBody.\n\nOne thought on “A Headline”\n\n  – The regime should take note. Long comment.\n\nComments are closed.";
        assert_eq!(clean(text).text, "A Headline With Enough Words\n\nBody.");
        assert_eq!(removed(text)[0].0, "comment-thread");
        assert!(removed(text)[0].1.ends_with("Comments are closed."));
    }

    #[test]
    fn leave_a_reply_form() {
        let text = "A Headline With Enough Words\n\nBody.\n\nLeave a Reply\n\nYour email address will not be published. Required fields are marked *";
        assert_eq!(clean(text).text, "A Headline With Enough Words\n\nBody.");
    }

    #[test]
    fn stray_id_and_section_label() {
        let text = "Policy\n\nBashar Al-Assad: Details of the Final Days in Syria\nd5d786b8 dea9 49e3 bd18 f590d74ceeec\nBody.";
        assert_eq!(
            removed(text),
            vec![
                ("navigation".into(), "Policy".into()),
                (
                    "stray-id".into(),
                    "d5d786b8 dea9 49e3 bd18 f590d74ceeec".into()
                )
            ]
        );
    }

    #[test]
    fn captions_are_kept_and_marked() {
        let text = "Title Of The Story Here\n\nSyrian soldiers in Homs, December 8, 2024. // Photo: EFE/BILAL ALHAMMOUD\n\nBody.";
        let c = clean(text);
        assert_eq!(c.text, text);
        assert_eq!(c.captions.len(), 1);
        assert!(c.captions[0].slice(&c.text).ends_with("ALHAMMOUD"));
    }

    #[test]
    fn article_lines_that_mention_junk_words_stay() {
        let text = "A Headline With Enough Words\n\nREAD MORE about recent military action in Syria.\n\nThe opposition will share power, he said. Read more of his remarks below, and comments are welcome.\n\nHome to millions, Aleppo fell.";
        let c = clean(text);
        assert!(c.text.contains("The opposition will share power"));
        assert!(c.text.contains("Home to millions"));
        assert!(!c.text.contains("READ MORE"));
    }

    #[test]
    fn offsets_are_verbatim() {
        let text = "Policy\n\nA Headline With Enough Words\nShare this:\n\nBody one.\n\n\n\nBody two.\n\nRelated Articles\n";
        let c = clean(text);
        for p in c.offsets.pieces() {
            assert_eq!(p.clean.slice(&c.text), p.raw.slice(text));
        }
        for r in &c.removed {
            assert_eq!(r.raw.slice(text), r.text);
        }
    }

    proptest! {
        #[test]
        fn cleaning_is_idempotent_and_maps_back(lines in proptest::collection::vec(prop_oneof![
            Just("Share this:".to_string()), Just("".to_string()), Just("Related Articles".to_string()),
            Just("Policy".to_string()), Just("Leave a Reply".to_string()), Just("Back to top button".to_string()),
            Just("Rebels declared Damascus free on Sunday.".to_string()),
            Just("A Headline With Enough Words".to_string()),
            Just("Homs, December 8, 2024. // Photo: EFE/X".to_string()),
            Just("d5d786b8 dea9 49e3 bd18 f590d74ceeec".to_string()),
            "[A-Za-z ,.]{0,30}",
        ], 0..25)) {
            let text = lines.join("\n");
            let once = clean(&text);
            let twice = clean(&once.text);
            prop_assert_eq!(&twice.text, &once.text);
            prop_assert!(twice.removed.is_empty(), "{:?}", twice.removed);
            for p in once.offsets.pieces() {
                prop_assert_eq!(p.clean.slice(&once.text), p.raw.slice(&text));
            }
        }
    }
}
