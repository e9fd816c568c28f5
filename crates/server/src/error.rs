//! The one error shape of the API: `{"error":{"code":"…","message":"…"}}`, with a stable code
//! per kind of failure and the HTTP status that goes with it.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// An API error: a stable machine-readable code and one line for people.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn not_found(what: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", what)
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": { "code": self.code, "message": self.message }
        });
        (self.status, axum::Json(body)).into_response()
    }
}

impl From<crate::ServerError> for ApiError {
    fn from(e: crate::ServerError) -> Self {
        use corroborate_pipeline::PipelineError as P;
        match &e {
            crate::ServerError::Pipeline(P::NotFound(m)) => ApiError::not_found(m.clone()),
            crate::ServerError::Pipeline(P::Invalid(m)) => {
                ApiError::bad_request("invalid_override", m.clone())
            }
            crate::ServerError::Store(corroborate_store::StoreError::BadOverride { .. })
            | crate::ServerError::Pipeline(P::Store(
                corroborate_store::StoreError::BadOverride { .. },
            )) => ApiError::bad_request("invalid_override", e.to_string()),
            crate::ServerError::Store(corroborate_store::StoreError::NotFound(m))
            | crate::ServerError::Pipeline(P::Store(corroborate_store::StoreError::NotFound(m))) => {
                ApiError::not_found(m.clone())
            }
            _ => ApiError::internal(e.to_string()),
        }
    }
}
