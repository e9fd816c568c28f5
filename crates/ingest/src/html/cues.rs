//! What an element's `class`, `id`, `role`, `itemprop` and tag say about it, read as whole
//! tokens: names are split at every non-alphanumeric character and at lower-to-upper case
//! changes (`relatedPosts` → `related`, `posts`), and a cue matches a token exactly, never a
//! substring, so `user-unsubscribed`, `read-more-expanded` or `paywall-free` announce nothing.
//! A run-together name made of a clutter word and a word for a part of a box (`commentbody`,
//! `sharebox`) also gives the clutter word; `commentary` does not.

use corroborate_model::RemovalReason;

/// What an element announces.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Cue {
    /// Clutter the element says it is.
    pub clutter: Option<RemovalReason>,
    /// readability's class weight: +25 for an article-like name, −25 for a clutter-like one.
    pub weight: i32,
    /// A byline, author or date line.
    pub byline: bool,
    /// A caption or photo credit.
    pub caption: bool,
    /// A page region beside or over the article (a sidebar, a rail, a pop-up): its paragraphs
    /// do not vote for the article's container.
    pub region: bool,
}

/// Tokens naming clutter, by what it is. Plurals are listed where sites use them.
const CLUTTER: &[(&[&str], RemovalReason)] = &[
    (
        &["cookie", "cookies", "consent", "gdpr", "cookiebanner"],
        RemovalReason::CookieBanner,
    ),
    (
        &[
            "share",
            "shares",
            "sharing",
            "social",
            "sharedaddy",
            "addtoany",
            "sociable",
            "sharebar",
            "addthis",
            "sharethis",
            "socialbar",
            "sharetools",
            "socialmedia",
        ],
        RemovalReason::ShareWidget,
    ),
    (
        &[
            "comment",
            "comments",
            "commentlist",
            "disqus",
            "respond",
            "reply",
            "replies",
            "commentform",
            "commentarea",
        ],
        RemovalReason::CommentThread,
    ),
    (
        &[
            "related",
            "relatedposts",
            "recommended",
            "recommendations",
            "outbrain",
            "taboola",
            "popular",
            "mostpopular",
            "trending",
            "morestories",
            "readmore",
        ],
        RemovalReason::RelatedLinks,
    ),
    (
        &[
            "newsletter",
            "subscribe",
            "subscription",
            "signup",
            "paywall",
            "mailinglist",
        ],
        RemovalReason::Subscription,
    ),
    (
        &[
            "ad",
            "ads",
            "advert",
            "adverts",
            "advertisement",
            "advertising",
            "adsbygoogle",
            "sponsor",
            "sponsored",
            "promo",
            "promotion",
            "dfp",
            "adslot",
            "adcontainer",
        ],
        RemovalReason::Advertisement,
    ),
    (
        &[
            "nav",
            "navbar",
            "navigation",
            "menu",
            "breadcrumb",
            "breadcrumbs",
            "masthead",
            "topbar",
            "skiplink",
            "sitenav",
            "pagination",
            "pager",
        ],
        RemovalReason::Navigation,
    ),
    (
        &["footer", "copyright", "colophon", "sitefooter"],
        RemovalReason::Footer,
    ),
];

/// Tokens of names that do not say which clutter, only that it is not the article (readability's
/// negative list, as whole tokens).
const NEGATIVE: &[&str] = &[
    "sidebar",
    "widget",
    "widgets",
    "banner",
    "combx",
    "contact",
    "foot",
    "footnote",
    "meta",
    "scroll",
    "shoutbox",
    "skyscraper",
    "shopping",
    "tags",
    "tool",
    "tools",
    "toolbar",
    "aside",
    "hidden",
    "hid",
    "teaser",
    "teasers",
    "rail",
    "extra",
    "secondary",
];

/// Tokens naming a region of the page that is not the article's column, whatever it holds: the
/// side columns and the boxes shown over the page on demand. readability drops such elements
/// before scoring (its "unlikely candidates"); here their text only stops voting.
const REGION: &[&str] = &[
    "sidebar",
    "sidebars",
    "rightrail",
    "siderail",
    "popup",
    "modal",
    "lightbox",
    "overlay",
    "skyscraper",
    "shoutbox",
];

const POSITIVE: &[&str] = &[
    "article",
    "articlebody",
    "body",
    "content",
    "entry",
    "entrycontent",
    "hentry",
    "main",
    "maincontent",
    "page",
    "post",
    "postbody",
    "text",
    "blog",
    "story",
    "storybody",
    "storytext",
    "prose",
    "bodytext",
];

const BYLINE: &[&str] = &[
    "byline",
    "author",
    "authors",
    "dateline",
    "date",
    "time",
    "timestamp",
    "published",
    "pubdate",
    "posted",
    "postdate",
    "updated",
    "vcard",
    "by",
];

/// Words that, inside one class name, say the cue is absent: `paywall-free`, `no-ads`,
/// `comments-off`.
const NEGATORS: &[&str] = &["free", "no", "none", "off", "disabled", "less", "without"];

const CAPTION: &[&str] = &["caption", "figcaption", "credit", "credits", "photocredit"];

/// Splits attribute values into lowercase tokens. A class name holding a negator gives none.
fn tokens(value: &str, out: &mut Vec<String>) {
    for name in value.split_whitespace() {
        let start = out.len();
        name_tokens(name, out);
        if out[start..].iter().any(|t| NEGATORS.contains(&t.as_str())) {
            out.truncate(start);
        }
    }
}

fn name_tokens(value: &str, out: &mut Vec<String>) {
    for part in value.split(|c: char| !c.is_alphanumeric()) {
        if part.is_empty() {
            continue;
        }
        // camelCase: split where a lowercase letter or digit is followed by an uppercase one.
        let mut cur = String::new();
        let mut prev_lower = false;
        for c in part.chars() {
            if c.is_uppercase() && prev_lower && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            cur.extend(c.to_lowercase());
        }
        if !cur.is_empty() {
            // The whole part, lowercased, is a token too (`relatedPosts` → `relatedposts`).
            let whole = part.to_lowercase();
            if whole != cur {
                out.push(whole);
            }
            if let Some(head) = compound_head(&cur) {
                out.push(head.to_string());
            }
            out.push(cur);
        }
    }
}

/// Words that name a part of a box rather than what it is: in a run-together name
/// (`commentbody`, `sharebox`, `adwrap`) the clutter word before one of them is the cue.
const PARTS: &[&str] = &[
    "body",
    "box",
    "list",
    "area",
    "wrap",
    "wrapper",
    "container",
    "block",
    "section",
    "form",
    "bar",
    "links",
    "holder",
    "panel",
    "module",
    "inner",
    "outer",
    "content",
    "text",
    "title",
    "header",
    "item",
    "items",
    "thread",
    "button",
    "buttons",
    "zone",
    "unit",
    "slot",
];

/// The clutter, negative or region word a run-together name starts with, when the rest names
/// a part. Article words are not split this way: `contentcell` or `postwrap` name layout boxes
/// as often as the article (measured on the Dragnet dev split).
fn compound_head(token: &str) -> Option<&'static str> {
    CLUTTER
        .iter()
        .flat_map(|(words, _)| words.iter())
        .chain(NEGATIVE)
        .chain(REGION)
        .find(|w| {
            token
                .strip_prefix(**w)
                .is_some_and(|rest| PARTS.contains(&rest))
        })
        .copied()
}

/// The cue of one element from its tag and attributes.
pub(super) fn cue_of(e: &scraper::node::Element) -> Cue {
    let tag = e.name();
    let mut cue = Cue {
        clutter: match tag {
            "nav" => Some(RemovalReason::Navigation),
            "footer" => Some(RemovalReason::Footer),
            "aside" => Some(RemovalReason::RelatedLinks),
            _ => None,
        },
        ..Cue::default()
    };
    let mut toks = Vec::new();
    // What the class or id names is more specific than the tag (`<aside class="newsletter">`).
    let mut named = None;
    let mut region = false;
    let mut article_word = false;
    for a in ["class", "id"] {
        let Some(v) = e.attr(a) else { continue };
        // readability weighs class and id separately. Within one class name a clutter or
        // negative word says what the article word is part of (`comment-body` is a comment's
        // body); across names the article word wins (`story-body comments-on` is the story).
        let mut positive = false;
        let mut negative = false;
        let mut clutter = None;
        for name in v.split_whitespace() {
            toks.clear();
            tokens(name, &mut toks);
            let has = |list: &[&str]| toks.iter().any(|t| list.contains(&t.as_str()));
            let c = CLUTTER.iter().find(|(l, _)| has(l)).map(|(_, r)| *r);
            // Within one name a negative word says what the article word is part of, as a
            // clutter word does: `widget_text` is a widget, `sidebar-content` a sidebar.
            let neg = c.is_some() || has(NEGATIVE) || has(REGION);
            // `post-header` is the article's own header, `header` the page's.
            region |= has(REGION) && !has(POSITIVE);
            positive |= !neg && has(POSITIVE);
            negative |= neg;
            clutter = clutter.or(c);
            cue.byline |= has(BYLINE);
            cue.caption |= has(CAPTION);
        }
        article_word |= positive;
        if positive {
            cue.weight += 25;
        } else if negative {
            cue.weight -= 25;
            named = named.or(clutter);
        }
    }
    cue.clutter = named.or(cue.clutter);
    // `id="leftRail" class="article"`: the article's own column, whatever the layout calls it.
    cue.region = region && !article_word;
    for a in ["role", "itemprop"] {
        if let Some(v) = e.attr(a) {
            toks.clear();
            tokens(v, &mut toks);
            let has = |w: &str| toks.iter().any(|t| t == w);
            if has("navigation") || has("menu") || has("menubar") {
                cue.clutter = cue.clutter.or(Some(RemovalReason::Navigation));
            }
            if has("contentinfo") {
                cue.clutter = cue.clutter.or(Some(RemovalReason::Footer));
            }
            if has("complementary") {
                cue.clutter = cue.clutter.or(Some(RemovalReason::RelatedLinks));
            }
            if has("articlebody") || has("main") {
                cue.weight += 25;
            }
            if has("author") || has("datepublished") || has("datecreated") {
                cue.byline = true;
            }
            if has("caption") {
                cue.caption = true;
            }
        }
    }
    if cue.clutter.is_some() && (cue.weight > 0 || article_word) {
        // `article-content comments-open`, or `id="nav-single" class="single-article-content"`:
        // an element whose class or id also names the article is not trusted as clutter.
        cue.clutter = None;
    }
    cue
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cue(attrs: &str) -> Cue {
        let html = scraper::Html::parse_fragment(&format!("<div {attrs}></div>"));
        let div = html
            .select(&scraper::Selector::parse("div").unwrap())
            .next()
            .unwrap();
        cue_of(div.value())
    }

    #[test]
    fn whole_tokens_only() {
        assert_eq!(cue("class='user-unsubscribed'").clutter, None);
        assert_eq!(cue("class='read-more-expanded'").clutter, None);
        assert_eq!(cue("class='paywall-free'").clutter, None);
        assert_eq!(cue("class='commentary'").clutter, None);
        assert_eq!(
            cue("class='menu-item-42'").clutter,
            Some(RemovalReason::Navigation)
        );
        assert_eq!(
            cue("id='relatedPosts'").clutter,
            Some(RemovalReason::RelatedLinks)
        );
        assert_eq!(
            cue("class='share-buttons'").clutter,
            Some(RemovalReason::ShareWidget)
        );
        assert_eq!(
            cue("class='paywall'").clutter,
            Some(RemovalReason::Subscription)
        );
        assert_eq!(cue("class='story-body comments-on'").clutter, None);
        assert_eq!(
            cue("id='nav-single' class='single-article-content'").clutter,
            None
        );
        assert_eq!(
            cue("class='comment-body'").clutter,
            Some(RemovalReason::CommentThread)
        );
        assert_eq!(
            cue("class='commentbody by-drno'").clutter,
            Some(RemovalReason::CommentThread)
        );
        assert_eq!(
            cue("class='sharebox'").clutter,
            Some(RemovalReason::ShareWidget)
        );
        assert_eq!(cue("class='sidebarbox'").weight, -25);
        assert_eq!(cue("id='secondaryContentContainer'").weight, -25);
        assert_eq!(cue("class='address'").clutter, None);
    }

    #[test]
    fn weights_and_roles() {
        assert_eq!(cue("class='entry-content'").weight, 25);
        assert_eq!(cue("class='sidebar'").weight, -25);
        assert_eq!(cue("class='post' id='comments'").weight, 0);
        assert_eq!(cue("class='widget widget_text'").weight, -25);
        assert_eq!(cue("class='sidebar-content'").weight, -25);
        assert!(cue("class='byline'").byline);
        assert!(cue("class='wp-caption-text'").caption);
        assert_eq!(
            cue("role='navigation'").clutter,
            Some(RemovalReason::Navigation)
        );
    }
}
