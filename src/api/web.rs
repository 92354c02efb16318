//! The web UI: the files of `web/dist`, embedded at build time (see `build.rs`),
//! served at `/` as the router's fallback.
//!
//! Hashed bundles under `/assets/` are cached for a year; everything else
//! (`index.html`, the favicon) is revalidated by its ETag. The app's own pages
//! (`/actor/ID`, `/events`, …: the routes of `web/src/main.js`) get `index.html`,
//! and the app routes on the client; any other path is a 404. The server's own prefixes (`/api`, `/sparql`, `/query`,
//! `/update`, `/store`, `/health`) are never answered with the app, so a typo
//! there is a 404, not an HTML page.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

include!(concat!(env!("OUT_DIR"), "/web_assets.rs"));

/// The paths that belong to the API, never to the app.
const RESERVED_PREFIXES: &[&str] = &["/api", "/sparql", "/query", "/update", "/store", "/health"];

/// What the app's pages may load: only this server (the UI makes no other request),
/// inline styles (which the graph and editor libraries set), and `data:` images.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; \
    font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// Whether this binary was built with the UI.
pub fn is_bundled() -> bool {
    find("index.html").is_some()
}

fn find(path: &str) -> Option<(&'static [u8], &'static str)> {
    ASSETS
        .iter()
        .find(|(asset, _, _)| *asset == path)
        .map(|&(_, bytes, etag)| (bytes, etag))
}

fn is_reserved(path: &str) -> bool {
    RESERVED_PREFIXES.iter().any(|prefix| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, extension)| extension);
    match extension {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Whether a path (without its leading '/') is one of the app's pages: the routes
/// of `web/src/main.js` (`/`, `/actor/ID`, `/events`, `/articles`, `/article/ID`,
/// `/ingest`, `/editor`).
fn is_app_page(relative: &str) -> bool {
    let relative = relative.trim_end_matches('/');
    let segments: Vec<&str> = relative.split('/').collect();
    match segments.as_slice() {
        ["index.html" | "" | "events" | "articles" | "ingest" | "editor"] => true,
        ["actor" | "article", id] => !id.is_empty() && !id.contains('.'),
        _ => false,
    }
}

/// Answers every request no other route took.
pub async fn serve(method: Method, uri: Uri, headers: HeaderMap) -> Response {
    let path = uri.path();
    if is_reserved(path) {
        return (StatusCode::NOT_FOUND, "not found\n").into_response();
    }
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "the web UI only answers GET and HEAD\n",
        )
            .into_response();
    }
    if !is_bundled() {
        return not_built();
    }
    let relative = path.trim_start_matches('/');
    let relative = if relative.is_empty() {
        "index.html"
    } else {
        relative
    };
    if let Some((bytes, etag)) = find(relative) {
        return asset(relative, bytes, etag, &headers);
    }
    // The app's own pages get the app, which routes on the client; any other path
    // (a missing file, "/etc/passwd" after a client resolved "../") is a 404.
    if !is_app_page(relative) {
        return (StatusCode::NOT_FOUND, "not found\n").into_response();
    }
    let (bytes, etag) = find("index.html").expect("checked by is_bundled");
    asset("index.html", bytes, etag, &headers)
}

fn asset(path: &str, bytes: &'static [u8], etag: &'static str, headers: &HeaderMap) -> Response {
    // Vite names the bundles by their content hash: they never change under one name.
    let cache_control = if path.starts_with("assets/") {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let not_modified = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value
                .split(',')
                .any(|tag| tag.trim() == etag || tag.trim() == "*")
        });
    let status = if not_modified {
        StatusCode::NOT_MODIFIED
    } else {
        StatusCode::OK
    };
    let mut response = Response::builder()
        .status(status)
        .header(header::CACHE_CONTROL, cache_control)
        .header(header::ETAG, etag)
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    if !not_modified {
        response = response.header(header::CONTENT_TYPE, content_type(path));
    }
    if path.ends_with(".html") {
        response = response
            .header(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY)
            .header(header::REFERRER_POLICY, "no-referrer");
    }
    let body = if not_modified {
        Body::empty()
    } else {
        Body::from(bytes)
    };
    response
        .body(body)
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// The answer of a binary built without the UI: how to get it.
fn not_built() -> Response {
    let page = "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>actorgraph</title>\
        <h1>The web UI is not in this build</h1>\
        <p>This binary was compiled without <code>web/dist</code>. Build the UI and the binary again \
        with <code>make build</code> (or <code>npm ci &amp;&amp; npm run build</code> in <code>web/</code>, \
        then <code>cargo build --release</code>).</p>\
        <p>The APIs work without it: <a href=\"/api/docs\">/api/docs</a>, <a href=\"/sparql\">/sparql</a>.</p></html>";
    let mut response =
        (StatusCode::SERVICE_UNAVAILABLE, axum::response::Html(page)).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_apps_pages_get_the_app() {
        for page in [
            "",
            "events",
            "articles/",
            "actor/wagner",
            "article/0b7c",
            "editor",
            "ingest",
        ] {
            assert!(is_app_page(page), "{page}");
        }
        for other in [
            "etc/passwd",
            "actor",
            "actor/a/b",
            "article/x.json",
            "events/1",
            "windows",
        ] {
            assert!(!is_app_page(other), "{other}");
        }
    }

    #[test]
    fn reserved_prefixes_are_whole_segments() {
        assert!(is_reserved("/api"));
        assert!(is_reserved("/api/actors"));
        assert!(is_reserved("/sparql"));
        assert!(is_reserved("/store/x"));
        assert!(!is_reserved("/apiary"));
        assert!(!is_reserved("/actor/wagner"));
        assert!(!is_reserved("/"));
    }

    #[test]
    fn content_types_by_extension() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("assets/main-abc.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            content_type("assets/main-abc.css"),
            "text/css; charset=utf-8"
        );
        assert_eq!(content_type("favicon.svg"), "image/svg+xml");
        assert_eq!(content_type("blob"), "application/octet-stream");
    }
}
