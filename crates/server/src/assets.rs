//! The web UI and the OpenAPI document, embedded in the binary: no CDN, no file read at run
//! time, and only these names are served (a request for anything else is a 404, whatever
//! `..` or `%2f` it holds).

use crate::error::ApiError;
use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// (name, content type, bytes) of every UI file.
const ASSETS: &[(&str, &str, &str)] = &[
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/app.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        include_str!("../assets/app.css"),
    ),
    (
        "icon.svg",
        "image/svg+xml",
        include_str!("../assets/icon.svg"),
    ),
    // The map's world layer: made by scripts/serve/world/make-world.mjs (licenses in LICENSES).
    (
        "world.json",
        "application/json",
        include_str!("../assets/world.json"),
    ),
];

/// The OpenAPI 3 document of the API (hand-written; a test checks it lists every route).
pub const OPENAPI: &str = include_str!("../assets/openapi.json");

pub async fn index() -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        include_str!("../assets/index.html"),
    )
        .into_response()
}

pub async fn asset(
    name: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Response {
    let name = name.map(|Path(n)| n).unwrap_or_default();
    match ASSETS.iter().find(|(n, _, _)| *n == name) {
        Some((_, ctype, body)) => ([(header::CONTENT_TYPE, *ctype)], *body).into_response(),
        None => ApiError::not_found("no such asset").into_response(),
    }
}

pub async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        OPENAPI,
    )
        .into_response()
}
