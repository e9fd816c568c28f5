//! `corroborate serve`: an HTTP API and a web UI over one store. The store's documents are
//! analyzed through the pipeline when the server starts and again after every write; readers
//! are served from the last finished analysis while the next one runs.
//!
//! Invariants: the server calls the pipeline, the report and the store, never a stage crate;
//! read endpoints are open, every write needs the bearer token (compared in constant time);
//! every error is `{"error":{"code","message"}}` with a stable code; nothing from a document is
//! ever served as markup (the UI builds its DOM with `textContent` under a `default-src 'self'`
//! Content-Security-Policy).

mod api;
mod assets;
mod error;
mod state;

pub use error::ApiError;
pub use state::{App, Config, View};

use axum::error_handling::HandleErrorLayer;
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::routing::get;
use axum::Router;
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceBuilder;

/// What can stop the server.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error(transparent)]
    Pipeline(#[from] corroborate_pipeline::PipelineError),
    #[error(transparent)]
    Store(#[from] corroborate_store::StoreError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("the analysis task failed: {0}")]
    Task(String),
}

/// Every route the server answers, as (method, path) in OpenAPI's path syntax. The OpenAPI
/// document lists exactly these (a test checks it).
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/health"),
    ("get", "/api/stories"),
    ("get", "/api/stories/{id}"),
    ("get", "/api/stories/{id}/export"),
    ("get", "/api/documents"),
    ("post", "/api/documents"),
    ("get", "/api/documents/{id}"),
    ("get", "/api/overrides"),
    ("post", "/api/overrides"),
    ("get", "/api/openapi.json"),
];

/// Requests handled at once; past it a request is refused with `overloaded` at once rather
/// than queued.
const MAX_IN_FLIGHT: usize = 512;

/// The whole application: API, UI assets, limits and security headers.
pub fn router(app: Arc<App>) -> Router {
    let max_body = app.config.max_body;
    let api = Router::new()
        .route("/api/health", get(api::health))
        .route("/api/stories", get(api::stories))
        .route("/api/stories/{id}", get(api::story))
        .route("/api/stories/{id}/export", get(api::export))
        .route(
            "/api/documents",
            get(api::documents).post(api::post_documents),
        )
        .route("/api/documents/{id}", get(api::document))
        .route(
            "/api/overrides",
            get(api::overrides).post(api::post_overrides),
        )
        .route("/api/openapi.json", get(assets::openapi))
        .route("/", get(assets::index))
        .route("/assets/{name}", get(assets::asset))
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .layer(DefaultBodyLimit::max(max_body))
        .with_state(app);
    api.layer(
        ServiceBuilder::new()
            .layer(HandleErrorLayer::new(api::overloaded))
            .load_shed()
            .concurrency_limit(MAX_IN_FLIGHT)
            .timeout(Duration::from_secs(300)),
    )
    .layer(axum::middleware::map_response(security_headers))
}

/// Headers on every response: nothing runs but our own script, nothing is sniffed into HTML.
async fn security_headers(mut res: axum::response::Response) -> axum::response::Response {
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-cache"));
    res
}

/// Serves `app` on `listener` until Ctrl-C.
pub async fn run(listener: tokio::net::TcpListener, app: Arc<App>) -> std::io::Result<()> {
    axum::serve(listener, router(app))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

/// Binds `addr`, says where through `ready`, and serves `app` until Ctrl-C, on a runtime of
/// its own (for the CLI, which has none).
pub fn serve_blocking(
    app: App,
    addr: std::net::SocketAddr,
    ready: impl FnOnce(std::net::SocketAddr),
) -> Result<(), ServerError> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        ready(listener.local_addr()?);
        run(listener, Arc::new(app)).await?;
        Ok(())
    })
}
