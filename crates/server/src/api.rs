//! The `/api` handlers: reads come from the current [`View`](crate::View); writes check the
//! token and the write budget, then ingest and re-analyze on a blocking thread.

use crate::error::ApiError;
use crate::App;
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use corroborate_pipeline::Input;
use corroborate_report::dossier::{Dossier, SpanOut};
use corroborate_report::export;
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;
use subtle::ConstantTimeEq;

type Shared = State<Arc<App>>;

/// Ids come from the URL: only the shapes the store gives out are looked up, so nothing a
/// client sends is ever used as a path or a pattern.
fn check_doc_id(id: &str) -> Result<(), ApiError> {
    if id.len() == 32 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        Ok(())
    } else {
        Err(ApiError::bad_request(
            "bad_id",
            "a document id is 32 lowercase hex digits",
        ))
    }
}

fn check_story_id(id: &str) -> Result<(), ApiError> {
    let ok = id.strip_prefix("story-").is_some_and(|h| {
        !h.is_empty() && h.len() <= 64 && h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    });
    if ok {
        Ok(())
    } else {
        Err(ApiError::bad_request(
            "bad_id",
            "a story id is `story-` and hex digits",
        ))
    }
}

fn path_param(
    p: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Result<String, ApiError> {
    p.map(|Path(s)| s)
        .map_err(|e| ApiError::bad_request("bad_id", e.body_text()))
}

pub async fn health(State(app): Shared) -> Json<Value> {
    let v = app.view();
    Json(json!({
        "status": "ok",
        "generation": v.generation,
        "stories": v.dossiers.len(),
        "documents": v.dossiers.iter().map(|d| d.documents.len()).sum::<usize>(),
        "story_errors": v.story_errors,
        "writes": app.config.token.is_some(),
    }))
}

fn count_verdict(d: &Dossier, verdict: &str) -> usize {
    d.comparisons
        .iter()
        .filter(|c| c.verdict == verdict)
        .count()
}

/// The list entry of one story: what a reader needs to pick it.
fn story_summary(d: &Dossier) -> Value {
    let id = d.story.clone().unwrap_or_default();
    let label = d
        .stories
        .iter()
        .find(|s| s.id == id)
        .map(|s| s.label.clone())
        .unwrap_or_default();
    let mut outlets: Vec<&str> = d
        .documents
        .iter()
        .filter_map(|x| x.outlet.as_deref())
        .collect();
    outlets.sort_unstable();
    outlets.dedup();
    let mut dates: Vec<&str> = d
        .documents
        .iter()
        .filter_map(|x| x.published.as_deref())
        .collect();
    dates.sort_unstable();
    let title = d
        .documents
        .iter()
        .find_map(|x| x.title.clone())
        .unwrap_or_else(|| label.clone());
    json!({
        "id": id,
        "label": label,
        "title": title,
        "outlets": outlets,
        "first_published": dates.first(),
        "last_published": dates.last(),
        "counts": {
            "documents": d.documents.len(),
            "conflicts": count_verdict(d, "conflict"),
            "agreements": count_verdict(d, "agree"),
            "updates": count_verdict(d, "update"),
            "comparisons": d.comparisons.len(),
            "claims": d.claims.len(),
            "quotes": d.quotes.len(),
            "entities": d.entities.len(),
            "timeline": d.timeline.len(),
        },
    })
}

pub async fn stories(State(app): Shared) -> Json<Value> {
    let v = app.view();
    Json(json!({
        "generation": v.generation,
        "stories": v.dossiers.iter().map(story_summary).collect::<Vec<_>>(),
    }))
}

fn find_story<'a>(v: &'a crate::View, id: &str) -> Result<&'a Dossier, ApiError> {
    check_story_id(id)?;
    v.story(id)
        .ok_or_else(|| ApiError::not_found(format!("no story {id}")))
}

pub async fn story(
    State(app): Shared,
    id: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Result<Response, ApiError> {
    let id = path_param(id)?;
    let v = app.view();
    check_story_id(&id)?;
    let body = v
        .story_json(&id)
        .ok_or_else(|| ApiError::not_found(format!("no story {id}")))?;
    Ok((
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response())
}

#[derive(Debug, Deserialize)]
pub struct ExportQuery {
    format: Option<String>,
}

pub async fn export(
    State(app): Shared,
    id: Result<Path<String>, axum::extract::rejection::PathRejection>,
    q: Result<Query<ExportQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let id = path_param(id)?;
    let Query(q) = q.map_err(|e| ApiError::bad_request("bad_query", e.body_text()))?;
    let name = q.format.unwrap_or_default();
    let format = export::Format::parse(&name).ok_or_else(|| {
        ApiError::bad_request(
            "bad_format",
            format!(
                "format must be one of: {}",
                export::Format::NAMES.join(", ")
            ),
        )
    })?;
    let v = app.view();
    let d = find_story(&v, &id)?;
    let body = export::render(d, format);
    let file = format!(
        "attachment; filename=\"{}.{}\"",
        &id[..id.len().min(18)],
        format.extension()
    );
    Ok((
        [
            (header::CONTENT_TYPE, format.content_type().to_string()),
            (header::CONTENT_DISPOSITION, file),
        ],
        body,
    )
        .into_response())
}

pub async fn documents(State(app): Shared) -> Json<Value> {
    let v = app.view();
    let docs: Vec<Value> = v
        .dossiers
        .iter()
        .flat_map(|d| {
            d.documents.iter().map(move |x| {
                json!({
                    "id": x.id,
                    "story": d.story,
                    "source": x.source,
                    "title": x.title,
                    "outlet": x.outlet,
                    "url": export::safe_url(x.url.as_deref()),
                    "published": x.published,
                    "duplicate_of": x.duplicate_of,
                    "chars": x.text.chars().count(),
                })
            })
        })
        .collect();
    Json(json!({ "generation": v.generation, "documents": docs }))
}

/// One document with every span the analysis found in it.
pub async fn document(
    State(app): Shared,
    id: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Result<Json<Value>, ApiError> {
    let id = path_param(id)?;
    check_doc_id(&id)?;
    let v = app.view();
    let (d, doc) = v
        .document(&id)
        .ok_or_else(|| ApiError::not_found(format!("no document {id}")))?;
    let mine = |s: &SpanOut| s.doc == id;
    let quotes: Vec<_> = d.quotes.iter().filter(|q| mine(&q.content)).collect();
    let times: Vec<_> = d.times.iter().filter(|t| mine(&t.span)).collect();
    let claims: Vec<_> = d.claims.iter().filter(|c| mine(&c.sentence)).collect();
    let mentions: Vec<Value> = d
        .entities
        .iter()
        .flat_map(|e| {
            e.mentions.iter().filter(|m| mine(m)).map(move |m| {
                json!({"entity": e.id, "name": e.name, "kind": e.kind, "start": m.start, "end": m.end})
            })
        })
        .collect();
    let mut doc = serde_json::to_value(doc).map_err(|e| ApiError::internal(e.to_string()))?;
    if let Some(o) = doc.as_object_mut() {
        // Only http(s) links leave the server as links.
        let url = o
            .get("url")
            .and_then(Value::as_str)
            .and_then(|u| export::safe_url(Some(u)));
        o.insert("url".into(), json!(url));
    }
    Ok(Json(json!({
        "story": d.story,
        "document": doc,
        "quotes": quotes,
        "times": times,
        "claims": claims,
        "mentions": mentions,
    })))
}

/// Checks the bearer token and the write budget.
fn authorize(app: &App, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = app.config.token.as_deref() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "writes_disabled",
            "this server was started without a token (--token or CORROBORATE_TOKEN), so it takes no writes",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer "))
        .unwrap_or("");
    // Constant time in the token's content (its length is not a secret worth the trouble).
    if !bool::from(given.as_bytes().ct_eq(token.as_bytes())) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "writes need `Authorization: Bearer <token>`",
        ));
    }
    if !app.take_write_slot() {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            format!(
                "more than {} writes this minute; try again shortly",
                app.config.writes_per_minute
            ),
        ));
    }
    Ok(())
}

fn body_error(status: StatusCode, text: String) -> ApiError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::new(
            status,
            "payload_too_large",
            "the request body is over the size limit",
        )
    } else {
        ApiError::bad_request("bad_body", text)
    }
}

/// The name an upload is stored under: its file name without any folder part (it is a label,
/// never opened as a path).
fn upload_name(name: Option<&str>) -> String {
    let base = name
        .unwrap_or("")
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect::<String>();
    if base.trim().is_empty() || base == "." || base == ".." {
        "upload".into()
    } else {
        format!("upload:{base}")
    }
}

#[derive(Debug, Deserialize)]
pub struct UploadQuery {
    source: Option<String>,
}

/// `POST /api/documents`: a text/HTML/feed/JSONL/WARC body, or a multipart upload of files.
pub async fn post_documents(
    State(app): Shared,
    q: Result<Query<UploadQuery>, axum::extract::rejection::QueryRejection>,
    req: Request,
) -> Result<Response, ApiError> {
    authorize(&app, req.headers())?;
    let Query(q) = q.map_err(|e| ApiError::bad_request("bad_query", e.body_text()))?;
    let ctype = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut inputs = Vec::new();
    if ctype.starts_with("multipart/form-data") {
        let mut mp = Multipart::from_request(req, &())
            .await
            .map_err(|e| ApiError::bad_request("bad_body", e.body_text()))?;
        while let Some(field) = mp
            .next_field()
            .await
            .map_err(|e| body_error(e.status(), e.body_text()))?
        {
            let source = upload_name(field.file_name().or(field.name()));
            let bytes = field
                .bytes()
                .await
                .map_err(|e| body_error(e.status(), e.body_text()))?;
            inputs.push(Input::Bytes {
                source,
                bytes: bytes.to_vec(),
            });
        }
    } else if ctype.starts_with("application/json") {
        return Err(ApiError::new(
            StatusCode::NOT_IMPLEMENTED,
            "not_implemented",
            "fetching a URL or feed from the server is not available: use `corroborate fetch URL` on the same --db, or send the page as the body",
        ));
    } else {
        let body = Bytes::from_request(req, &())
            .await
            .map_err(|e| body_error(e.status(), e.body_text()))?;
        inputs.push(Input::Bytes {
            source: upload_name(q.source.as_deref()),
            bytes: body.to_vec(),
        });
    }
    if inputs
        .iter()
        .all(|i| matches!(i, Input::Bytes { bytes, .. } if bytes.is_empty()))
    {
        return Err(ApiError::bad_request(
            "empty_body",
            "nothing to ingest: the body is empty",
        ));
    }
    let _write = app.write_lock().await;
    let worker = app.clone();
    let report = tokio::task::spawn_blocking(move || worker.ingest(inputs))
        .await
        .map_err(|e| ApiError::internal(format!("the ingest task failed: {e}")))??;
    let v = app.view();
    let documents: Vec<Value> = report
        .documents
        .iter()
        .map(|(id, source)| {
            let story = v.document(id).and_then(|(d, _)| d.story.clone());
            json!({"id": id, "source": source, "story": story})
        })
        .collect();
    let errors: Vec<Value> = report
        .errors
        .iter()
        .map(|e| json!({"source": e.source, "message": e.message}))
        .collect();
    let status = if report.documents.is_empty() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "unreadable_input",
            report.errors.first().map_or_else(
                || "no document in the body".to_string(),
                |e| e.message.clone(),
            ),
        ));
    } else if report.new > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(json!({
            "new": report.new,
            "known": report.known,
            "documents": documents,
            "errors": errors,
            "generation": v.generation,
        })),
    )
        .into_response())
}

pub async fn overrides(State(app): Shared) -> Result<Json<Value>, ApiError> {
    let worker = app.clone();
    let lines = tokio::task::spawn_blocking(move || worker.overrides())
        .await
        .map_err(|e| ApiError::internal(e.to_string()))??;
    Ok(Json(json!({ "entities": lines })))
}

/// `POST /api/overrides`: `{"force":[["A","B"]], "veto":[["A","B"]], "pin":[["DOC","STORY"]],
/// "split":["DOC"]}`, every field optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverrideBody {
    #[serde(default)]
    force: Vec<(String, String)>,
    #[serde(default)]
    veto: Vec<(String, String)>,
    #[serde(default)]
    pin: Vec<(String, String)>,
    #[serde(default)]
    split: Vec<String>,
}

pub async fn post_overrides(
    State(app): Shared,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    authorize(&app, &headers)?;
    let body = body.map_err(|e| body_error(e.status(), e.body_text()))?;
    let o: OverrideBody = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request("bad_json", format!("the override body: {e}")))?;
    if o.force.is_empty() && o.veto.is_empty() && o.pin.is_empty() && o.split.is_empty() {
        return Err(ApiError::bad_request(
            "empty_body",
            "give at least one of force, veto, pin, split",
        ));
    }
    for (d, s) in &o.pin {
        check_doc_id(d)?;
        if check_doc_id(s).is_err() {
            check_story_id(s)?;
        }
    }
    for d in &o.split {
        check_doc_id(d)?;
    }
    let _write = app.write_lock().await;
    let worker = app.clone();
    tokio::task::spawn_blocking(move || worker.add_overrides(&o.force, &o.veto, &o.pin, &o.split))
        .await
        .map_err(|e| ApiError::internal(e.to_string()))??;
    let v = app.view();
    Ok(Json(json!({ "generation": v.generation })))
}

pub async fn not_found() -> ApiError {
    ApiError::not_found("no such route; GET /api/openapi.json lists them")
}

pub async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this route does not take that method; GET /api/openapi.json lists them",
    )
}

/// What the load-shedding and timeout layers refuse.
pub async fn overloaded(e: tower::BoxError) -> ApiError {
    if e.is::<tower::timeout::error::Elapsed>() {
        ApiError::new(
            StatusCode::GATEWAY_TIMEOUT,
            "timeout",
            "the request took too long",
        )
    } else if e.is::<tower::load_shed::error::Overloaded>() {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "overloaded",
            "too many requests at once; try again shortly",
        )
    } else {
        ApiError::internal(e.to_string())
    }
}
