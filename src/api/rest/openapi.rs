//! The OpenAPI 3.1 document (its paths come from the handlers' `#[utoipa::path]`
//! annotations, gathered by the router) and a self-contained HTML page listing it.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{OpenApi, PathItem};
use utoipa::OpenApi as _;

/// The document's fixed parts: title, description, tags, the bearer scheme.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "actorgraph REST API",
        description = "Actors, their alliances and oppositions, events, places and articles read from news about armed conflicts. Errors are RFC 9457 problem details (application/problem+json). Send `Accept: application/ld+json` for JSON-LD with a schema.org-based context. Writes need `Authorization: Bearer <token>`.",
        license(name = "MIT OR Apache-2.0")
    ),
    components(schemas(super::problem::Problem)),
    tags(
        (name = "actors", description = "Armed forces, armed groups, coalitions, governments, people, organisations, countries"),
        (name = "events", description = "Battles, attacks, captures and other events"),
        (name = "places", description = "Towns, regions, countries"),
        (name = "articles", description = "The news articles facts are read from"),
        (name = "graph", description = "An actor's neighbourhood, for drawing"),
    )
)]
struct ApiDoc;

/// The document before the routes add their paths.
pub fn base() -> OpenApi {
    let mut openapi = ApiDoc::openapi();
    openapi.info.version = env!("CARGO_PKG_VERSION").to_owned();
    let components = openapi.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "bearer",
        SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
    );
    openapi
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn operations(item: &PathItem) -> Vec<(&'static str, &utoipa::openapi::path::Operation)> {
    [
        ("GET", &item.get),
        ("POST", &item.post),
        ("PUT", &item.put),
        ("DELETE", &item.delete),
        ("PATCH", &item.patch),
    ]
    .into_iter()
    .filter_map(|(method, operation)| operation.as_ref().map(|operation| (method, operation)))
    .collect()
}

/// A plain HTML page listing every operation with its parameters and responses:
/// readable without JavaScript or any download.
pub fn docs_page(openapi: &OpenApi) -> String {
    let mut html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <style>body{{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}\
         code{{background:#f3f3f3;padding:0 .2em}}section{{border-top:1px solid #ccc;padding:.5rem 0}}\
         .m{{font-weight:bold;display:inline-block;min-width:4.5rem}}td{{padding:0 .5rem;vertical-align:top}}</style>\
         </head><body><h1>{title} {version}</h1><p>{description}</p>\
         <p>The machine-readable document: <a href=\"/api/openapi.json\"><code>/api/openapi.json</code></a> (OpenAPI 3.1).</p>",
        title = escape(&openapi.info.title),
        version = escape(&openapi.info.version),
        description = escape(openapi.info.description.as_deref().unwrap_or_default()),
    );
    for (path, item) in &openapi.paths.paths {
        for (method, operation) in operations(item) {
            html.push_str(&format!(
                "<section><p><span class=\"m\">{method}</span><code>{}</code></p><p>{}</p>",
                escape(path),
                escape(
                    operation
                        .description
                        .as_deref()
                        .or(operation.summary.as_deref())
                        .unwrap_or_default()
                ),
            ));
            if let Some(parameters) = operation.parameters.as_ref().filter(|p| !p.is_empty()) {
                html.push_str("<table>");
                for parameter in parameters {
                    html.push_str(&format!(
                        "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                        escape(&parameter.name),
                        if matches!(parameter.required, utoipa::openapi::Required::True) {
                            "required"
                        } else {
                            "optional"
                        },
                        escape(parameter.description.as_deref().unwrap_or_default()),
                    ));
                }
                html.push_str("</table>");
            }
            let statuses: Vec<String> = operation
                .responses
                .responses
                .keys()
                .map(|status| format!("<code>{}</code>", escape(status)))
                .collect();
            html.push_str(&format!(
                "<p>Responses: {}</p></section>",
                statuses.join(" ")
            ));
        }
    }
    html.push_str("</body></html>");
    html
}
