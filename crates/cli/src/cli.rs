//! Command-line flags: what the user asked for, as plain values.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Reads many news reports of one story and says what happened, who said what, where the
/// sources agree and where they contradict each other, every statement traced back to the exact
/// words it came from.
#[derive(Debug, Parser)]
#[command(name = "corroborate", version, about, long_about = None, after_help = EXAMPLES, max_term_width = 100)]
pub struct Args {
    /// The SQLite store to use (created if missing).
    #[arg(
        long,
        global = true,
        default_value = "corroborate.db",
        env = "CORROBORATE_DB"
    )]
    pub db: PathBuf,

    /// No progress bars or summaries on stderr (errors are still printed).
    #[arg(long, short, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "\
Examples:
  corroborate analyze examples/syria-2024-12            the dossier as Markdown on stdout
  corroborate analyze examples/syria-2024-12 --format json --out dossier.json
  corroborate analyze day-crawl.warc.gz --format json   one dossier per story (JSON Lines)
  corroborate ingest feeds/ archive.warc.gz page.html   store documents (folders are walked)
  curl -s https://example.org/feed.xml | corroborate ingest -
  corroborate fetch https://example.org/news/article.html   fetch pages (robots.txt, rate limits)
  corroborate watch https://example.org/feed.xml --every 10m  follow a feed's new items
  corroborate docs                                      what is stored
  corroborate stories --format json                     documents grouped into stories
  corroborate show 3                                    one document: metadata, text, removals
  corroborate times 3                                   its time expressions, pinned to the calendar
  corroborate entities --evidence                       the roster, with why each alias was merged
  corroborate tag --conll test.conll > tagged.conll     NER on CoNLL data
  corroborate parse article.txt > article.conllu        tags, lemmas and dependency trees
  corroborate serve --port 8080                         the web UI and API on http://127.0.0.1:8080/
  corroborate export --format csv-claims --out claims.csv   a story's claims for a spreadsheet
  corroborate completions bash > /etc/bash_completion.d/corroborate

Inputs: plain text, HTML, RSS/Atom/JSON Feed (one document per item), JSONL (one object per
line with \"text\" and optional url/title/outlet/published/author) and WARC (.warc, .warc.gz).
The format is detected from the content. A bad input is reported on one line and the rest go on.

Exit status: 0 all inputs read, 1 some inputs failed (each reported), 2 usage or fatal error.";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read inputs into the store: clean, date, segment, and link syndicated copies.
    ///
    /// Re-ingesting the same text is a no-op; an interrupted run can simply be repeated.
    Ingest {
        /// Files, folders (walked recursively) or `-` for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        read: ReadOpts,
        /// Do not add the new documents to stories now (for bulk loads: the next `ingest`,
        /// `analyze` or `stories` run adds every document stories have not seen).
        #[arg(long)]
        no_stories: bool,
    },
    /// Fetch pages or feeds over HTTP and store them (a feed stores one document per item).
    ///
    /// Non-public addresses are refused unless --allow-private; robots.txt and a per-host delay
    /// are obeyed; a URL fetched before is asked for conditionally, and a 304 stores nothing.
    Fetch {
        /// http:// or https:// URLs.
        #[arg(required = true)]
        urls: Vec<String>,
        #[command(flatten)]
        net: crate::fetch::NetOpts,
        /// Do not add the new documents to stories now.
        #[arg(long)]
        no_stories: bool,
    },
    /// Follow feeds: every interval, fetch each feed and store the new items it links to.
    ///
    /// Runs until Ctrl-C (which stops it between two fetches); --once does one round.
    Watch {
        /// RSS, Atom or JSON Feed URLs.
        #[arg(required = true)]
        feeds: Vec<String>,
        /// Time between rounds: 90s, 10m, 1h, 1d.
        #[arg(long, default_value = "10m", value_parser = crate::fetch::parse_interval)]
        every: std::time::Duration,
        /// One round, then exit.
        #[arg(long)]
        once: bool,
        #[command(flatten)]
        net: crate::fetch::NetOpts,
    },
    /// Ingest the inputs, then print the dossier of each story they hold.
    Analyze {
        /// Files, folders (walked recursively) or `-` for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        read: ReadOpts,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = DossierFormat::Md)]
        format: DossierFormat,
        /// Write the dossier to this file instead of standard output.
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Only the dossier of this story (an id from `corroborate stories`, or its prefix).
        #[arg(long)]
        story: Option<String>,
        /// One dossier over all the input, even when it holds several stories. By default
        /// each story the input holds gets its own dossier (one after the other; JSON Lines,
        /// one dossier a line, for --format json).
        #[arg(long, conflicts_with = "story")]
        whole: bool,
        /// Kept for scripts written before one dossier per story became the default.
        #[arg(long, hide = true, conflicts_with = "whole")]
        by_story: bool,
        /// How claims of different sources are aligned. `auto` uses sentence embeddings
        /// (all-MiniLM-L6-v2) when the model is in place (`scripts/models/fetch-minilm.sh`
        /// puts it in `.cache/models`, or set CORROBORATE_MODELS) and says so on stderr when it
        /// falls back to lexical alignment; `embeddings` fails without the model.
        #[arg(long, value_enum, default_value_t = AlignMode::Auto)]
        align: AlignMode,
    },
    /// List the stories: documents grouped by the real-world event they report.
    ///
    /// `--pin DOC STORY` keeps a document in a story, `--split DOC` takes it out into a story
    /// of its own; both are stored and re-applied whenever stories change.
    Stories {
        #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// Pin a document (id prefix, number or source) to a story (id, or any member document).
        #[arg(long, num_args = 2, value_names = ["DOC", "STORY"])]
        pin: Vec<String>,
        /// Take a document out of its story.
        #[arg(long, value_name = "DOC")]
        split: Vec<String>,
    },
    /// List the stored documents.
    Docs {
        #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show one stored document: metadata, cleaned text, and what was removed and why.
    Show {
        /// An id prefix, the number from `corroborate docs`, or the source as given.
        doc: String,
        #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// Print the raw input instead, with removed stretches marked.
        #[arg(long)]
        raw: bool,
    },
    /// Show the time expressions of a stored document under the sentences they stand in, each
    /// with its TIMEX3 value, calendar interval, precision and anchor.
    Times {
        /// An id prefix, the number from `corroborate docs`, or the source as given.
        doc: String,
        #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show the entity roster of each analyzed story, or record a merge override.
    ///
    /// Overrides are stored and re-applied by every later `analyze`: `--force "al-Jolani"
    /// "Ahmed al-Sharaa"` makes two names one entity, `--veto "Bashar al-Assad" "Maher al-Assad"`
    /// keeps them apart.
    Entities {
        /// Two names that are one entity.
        #[arg(long, num_args = 2, value_names = ["A", "B"], action = clap::ArgAction::Append)]
        force: Vec<String>,
        /// Two names that are never one entity.
        #[arg(long, num_args = 2, value_names = ["A", "B"], action = clap::ArgAction::Append)]
        veto: Vec<String>,
        /// Read overrides from a file (`force "A" = "B"` / `veto "A" != "B"`, one per line).
        #[arg(long, value_name = "FILE")]
        import: Option<PathBuf>,
        /// Also print the evidence for every merge.
        #[arg(long)]
        evidence: bool,
        /// Only the roster of this story (an id from `corroborate stories`); by default every
        /// analyzed story's roster, one after the other.
        #[arg(long)]
        story: Option<String>,
        #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Tag a CoNLL file (one token per line, blank line between sentences) with predicted IOB2
    /// entity labels (PER, ORG, LOC, MISC) as a last column, for scoring on any CoNLL data.
    Tag {
        /// The CoNLL file, or `-` for standard input.
        #[arg(long, value_name = "FILE")]
        conll: PathBuf,
    },
    /// Parse plain text (or CoNLL-U with `--conllu`, keeping its words and sentences) and write
    /// CoNLL-U with our lemma, UPOS, PTB tag, features, head and relation.
    Parse {
        /// The file, or `-` for standard input.
        file: PathBuf,
        /// The input is CoNLL-U.
        #[arg(long)]
        conllu: bool,
    },
    /// Serve the HTTP API and the web UI over the store (analyzed at start and after each
    /// write). Binds 127.0.0.1:8080 by default; writes need --token or CORROBORATE_TOKEN.
    Serve(crate::serve::ServeOpts),
    /// Export one story of the store for another tool: TimelineJS JSON, GeoJSON of places,
    /// CSV of claims or comparisons, or schema.org ClaimReview JSON-LD per conflict.
    Export {
        #[arg(long, short, value_parser = clap::builder::PossibleValuesParser::new(corroborate_report::export::Format::NAMES))]
        format: String,
        /// The story (an id from `corroborate stories`, or its prefix); needed when the store
        /// holds more than one.
        #[arg(long)]
        story: Option<String>,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// How claims of different sources are aligned (as for `analyze`).
        #[arg(long, value_enum, default_value_t = AlignMode::Auto)]
        align: AlignMode,
    },
    /// List the inputs that failed, as recorded in the store.
    Errors,
    /// Print a shell completion script.
    Completions { shell: clap_complete::Shell },
}

#[derive(Debug, Clone, clap::Args)]
pub struct ReadOpts {
    /// Refuse inputs larger than this many bytes.
    #[arg(long, default_value_t = corroborate_pipeline::DEFAULT_MAX_BYTES, value_name = "BYTES")]
    pub max_input_size: u64,
    /// Worker threads for reading and analysis (default: the number of cores; 1–256).
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlignMode {
    /// Sentence embeddings when the model is in place, else lexical.
    Auto,
    /// Sentence embeddings (all-MiniLM-L6-v2 on the CPU); an error without the model.
    Embeddings,
    /// TF-IDF over names and content words, shared terms and predicates only: fast, no model.
    Lexical,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DossierFormat {
    /// Markdown for people.
    Md,
    /// JSON (schema corroborate.dossier/1).
    Json,
    /// One self-contained HTML page.
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned text for people.
    Table,
    /// JSON for programs.
    Json,
}

pub fn parse() -> Args {
    Args::parse()
}

pub fn command() -> clap::Command {
    <Args as clap::CommandFactory>::command()
}

impl From<AlignMode> for corroborate_pipeline::AlignMode {
    fn from(m: AlignMode) -> Self {
        match m {
            AlignMode::Auto => corroborate_pipeline::AlignMode::Auto,
            AlignMode::Embeddings => corroborate_pipeline::AlignMode::Embeddings,
            AlignMode::Lexical => corroborate_pipeline::AlignMode::Lexical,
        }
    }
}
