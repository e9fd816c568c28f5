//! Batch-level inference: dates for documents whose text names days but no year, from the
//! dated documents read with them.

use crate::meta::month_days;
use chrono::{Datelike, NaiveDate};
use corroborate_model::{DateBasis, DateBasisKind, Document};

/// How far before the batch's date a document's own month-day mentions may lie and still be
/// read as the same days (a story's run-up of a fortnight or so).
const WINDOW_DAYS: i64 = 21;

/// Dates undated documents from their batch: when a document mentions month-days ("December 7",
/// "November 30") without a year, and every one of them falls within three weeks before the
/// median publication date of the dated documents, it is taken to be published on that date
/// (marked inferred, basis `story-context`, evidence: its latest month-day mention).
pub fn infer_dates_from_batch(docs: &mut [Document]) {
    let mut dated: Vec<NaiveDate> = docs.iter().filter_map(|d| d.meta.published).collect();
    if dated.is_empty() {
        return;
    }
    dated.sort();
    let median = dated[dated.len() / 2];
    for d in docs.iter_mut().filter(|d| d.meta.published.is_none()) {
        let mentions = month_days(&d.text);
        if mentions.is_empty() {
            continue;
        }
        let resolved: Option<Vec<(NaiveDate, corroborate_model::Span)>> = mentions
            .iter()
            .map(|&(m, day, sp)| {
                // The year that puts the month-day on or before the batch date, nearest to it.
                let y = median.year();
                let this = NaiveDate::from_ymd_opt(y, m, day)?;
                let date = if this > median {
                    NaiveDate::from_ymd_opt(y - 1, m, day)?
                } else {
                    this
                };
                Some((date, sp))
            })
            .collect();
        let Some(resolved) = resolved else { continue };
        if resolved
            .iter()
            .all(|(date, _)| (median - *date).num_days() <= WINDOW_DAYS)
        {
            let (_, ev) = resolved
                .iter()
                .max_by_key(|(date, sp)| (*date, std::cmp::Reverse(sp.start)))
                .expect("non-empty");
            d.meta.published = Some(median);
            d.meta.published_basis = Some(DateBasis {
                kind: DateBasisKind::StoryContext,
                inferred: true,
                field: None,
                evidence: Some(*ev),
            });
        }
    }
}
