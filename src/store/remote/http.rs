//! HTTP for the remote backend: authentication, timeouts, retries, and the
//! bridge between the synchronous store interface and the async client.
//!
//! Requests run on a runtime of their own (two threads, started on first use and
//! never dropped), so a store call made from any thread, inside tokio's blocking
//! pool or not, waits on a channel rather than on a runtime it might be inside.
//! Failures are retried with exponential backoff when they cannot have changed
//! anything or the request is idempotent: connection errors always, 5xx and
//! timeouts only for idempotent requests, 4xx never.

use super::{RemoteAuth, RemoteError, RemoteErrorKind};
use bytes::Bytes;
use oxigraph::sparql::CancellationToken;
use reqwest::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use reqwest::{Method, StatusCode, Url};
use std::future::Future;
use std::io::Read;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::Duration;

/// How often a request waiting on the remote checks its cancellation token.
const CANCELLATION_POLL: Duration = Duration::from_millis(50);
/// How much of an error body is kept for the message.
const ERROR_BODY_LIMIT: usize = 2048;
/// Chunks buffered between the remote's response and the writer.
const STREAM_BUFFER: usize = 16;

/// The runtime every remote request runs on.
fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("actorgraph-remote")
            .enable_all()
            .build()
            .expect("a tokio runtime starts")
    })
}

/// Runs `future` on the remote runtime and waits for it from this (synchronous) thread.
fn block_on<T: Send + 'static>(future: impl Future<Output = T> + Send + 'static) -> Option<T> {
    let (sender, receiver) = std::sync::mpsc::sync_channel(1);
    runtime().spawn(async move {
        let _ = sender.send(future.await);
    });
    // An error means the task panicked before answering.
    receiver.recv().ok()
}

/// One request to send, possibly several times.
#[derive(Clone, Debug)]
pub struct Call {
    /// The method.
    pub method: Method,
    /// The URL, with its query string.
    pub url: Url,
    /// The `Accept` header.
    pub accept: Option<String>,
    /// The body and its media type.
    pub body: Option<(&'static str, Bytes)>,
    /// Whether sending it twice does no more than sending it once (retried on 5xx and timeouts).
    pub idempotent: bool,
    /// What the call does, for error messages ("write article <…>").
    pub operation: String,
}

impl Call {
    /// A call of `method` on `url`, for `operation`.
    pub fn new(method: Method, url: Url, operation: impl Into<String>) -> Self {
        Self {
            method,
            url,
            accept: None,
            body: None,
            idempotent: true,
            operation: operation.into(),
        }
    }

    /// Sets the `Accept` header.
    pub fn accept(mut self, accept: impl Into<String>) -> Self {
        self.accept = Some(accept.into());
        self
    }

    /// Sets the body.
    pub fn body(mut self, media_type: &'static str, body: impl Into<Bytes>) -> Self {
        self.body = Some((media_type, body.into()));
        self
    }

    /// Sets the body to a form (`application/x-www-form-urlencoded`).
    pub fn form(self, fields: &[(&str, &str)]) -> Self {
        let encoded = serde_urlencoded::to_string(fields).unwrap_or_default();
        self.body("application/x-www-form-urlencoded", encoded)
    }

    /// Marks the call as not safe to send twice (a user's update).
    pub fn not_idempotent(mut self) -> Self {
        self.idempotent = false;
        self
    }

    fn error(&self, kind: RemoteErrorKind) -> RemoteError {
        RemoteError {
            operation: self.operation.clone(),
            url: redact(&self.url),
            kind,
        }
    }
}

/// The URL without credentials or query string, for messages and logs.
pub fn redact(url: &Url) -> String {
    let mut url = url.clone();
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.set_query(None);
    url.to_string()
}

/// A response read in full.
pub struct Answer {
    /// Its status.
    pub status: StatusCode,
    /// Its media type, without parameters.
    pub media_type: Option<String>,
    /// Its body.
    pub body: Bytes,
}

/// The HTTP client of one remote backend.
pub struct Http {
    client: reqwest::Client,
    auth: RemoteAuth,
    /// The last digest challenge, reused (with a growing nonce count) until the server refuses it.
    digest_challenge: Mutex<Option<digest_auth::WwwAuthenticateHeader>>,
    retries: u32,
    backoff: Duration,
    timeout: Duration,
}

impl Http {
    /// A client with these credentials, per-request `timeout`, and `retries` after the
    /// first attempt, waiting `backoff`, then twice as long each time.
    pub fn new(
        auth: RemoteAuth,
        timeout: Duration,
        retries: u32,
        backoff: Duration,
    ) -> Result<Self, reqwest::Error> {
        let client = reqwest::Client::builder()
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            // Between two reads of a streamed answer, not for the whole answer.
            .read_timeout(timeout)
            .user_agent(concat!("actorgraph/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Self {
            client,
            auth,
            digest_challenge: Mutex::new(None),
            retries,
            backoff,
            timeout,
        })
    }

    /// Sends `call` and reads the whole answer, which must be a success (2xx), or
    /// a 404 when `allow_not_found`.
    pub fn fetch(
        self: &Arc<Self>,
        call: Call,
        allow_not_found: bool,
        cancellation: Option<CancellationToken>,
    ) -> Result<Answer, RemoteError> {
        let http = self.clone();
        let failed = call.error(RemoteErrorKind::Internal);
        block_on(async move {
            let response = http
                .send_cancellable(&call, allow_not_found, cancellation.as_ref(), true)
                .await?;
            let status = response.status();
            let media_type = media_type(&response);
            let body = tokio::time::timeout(http.timeout, response.bytes())
                .await
                .map_err(|_| call.error(RemoteErrorKind::Timeout(http.timeout)))?
                .map_err(|error| call.error(transport_kind(&error, http.timeout)))?;
            Ok(Answer {
                status,
                media_type,
                body,
            })
        })
        .unwrap_or(Err(failed))
    }

    /// Sends `call` and returns the answer's media type and a reader of its body,
    /// which streams as the remote sends it.
    pub fn stream(
        self: &Arc<Self>,
        call: Call,
        cancellation: Option<CancellationToken>,
    ) -> Result<(Option<String>, BodyReader), RemoteError> {
        let (sender, receiver) = tokio::sync::mpsc::channel(STREAM_BUFFER);
        let http = self.clone();
        let failed = call.error(RemoteErrorKind::Internal);
        let reader_cancellation = cancellation.clone();
        let head = block_on(async move {
            let response = http
                .send_cancellable(&call, false, cancellation.as_ref(), false)
                .await?;
            let media_type = media_type(&response);
            runtime().spawn(forward(response, sender, call, http.timeout));
            Ok::<_, RemoteError>(media_type)
        })
        .unwrap_or(Err(failed))?;
        Ok((
            head,
            BodyReader {
                receiver,
                chunk: Bytes::new(),
                error: None,
                cancellation: reader_cancellation,
            },
        ))
    }

    /// Sends with retries, giving up when `cancellation` is cancelled.
    async fn send_cancellable(
        &self,
        call: &Call,
        allow_not_found: bool,
        cancellation: Option<&CancellationToken>,
        whole_request_timeout: bool,
    ) -> Result<reqwest::Response, RemoteError> {
        let send = self.send(call, allow_not_found, whole_request_timeout);
        match cancellation {
            None => send.await,
            Some(token) => {
                tokio::select! {
                    result = send => result,
                    () = cancelled(token) => Err(call.error(RemoteErrorKind::Cancelled)),
                }
            }
        }
    }

    /// Sends `call`, retrying what may be retried, answering digest challenges.
    async fn send(
        &self,
        call: &Call,
        allow_not_found: bool,
        whole_request_timeout: bool,
    ) -> Result<reqwest::Response, RemoteError> {
        let mut attempt = 0;
        let mut challenges = 0;
        loop {
            let mut request = self.client.request(call.method.clone(), call.url.clone());
            if whole_request_timeout {
                request = request.timeout(self.timeout);
            }
            if let Some(accept) = &call.accept {
                request = request.header(ACCEPT, accept);
            }
            if let Some((media_type, body)) = &call.body {
                request = request.header(CONTENT_TYPE, *media_type).body(body.clone());
            }
            request = match &self.auth {
                RemoteAuth::None => request,
                RemoteAuth::Bearer(token) => request.bearer_auth(token),
                RemoteAuth::Basic { user, password } => request.basic_auth(user, Some(password)),
                RemoteAuth::Digest { .. } => match self.digest_authorization(call) {
                    Some(authorization) => request.header(AUTHORIZATION, authorization),
                    None => request,
                },
            };
            let failure = match request.send().await {
                Ok(response) => {
                    let status = response.status();
                    if status.is_success() || (allow_not_found && status == StatusCode::NOT_FOUND) {
                        return Ok(response);
                    }
                    if status == StatusCode::UNAUTHORIZED
                        && challenges < 2
                        && self.accept_challenge(&response)
                    {
                        // A first or stale digest challenge: answer it, not counted as a retry.
                        challenges += 1;
                        continue;
                    }
                    let retry = status.is_server_error() && call.idempotent;
                    let body = error_body(response).await;
                    (
                        RemoteErrorKind::Status {
                            status: status.as_u16(),
                            message: body,
                        },
                        retry,
                    )
                }
                Err(error) => {
                    // A connection that could not be made sent nothing: always safe to retry.
                    let retry = error.is_connect() || call.idempotent;
                    (transport_kind(&error, self.timeout), retry)
                }
            };
            let (kind, retry) = failure;
            if !retry || attempt >= self.retries {
                return Err(call.error(kind));
            }
            let delay = self.backoff.saturating_mul(1 << attempt.min(16));
            tracing::warn!(
                operation = %call.operation,
                url = %redact(&call.url),
                attempt = attempt + 1,
                delay_ms = delay.as_millis() as u64,
                error = %kind,
                "remote request failed, retrying"
            );
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    /// The digest `Authorization` header for `call`, once the server sent a challenge.
    fn digest_authorization(&self, call: &Call) -> Option<HeaderValue> {
        let RemoteAuth::Digest { user, password } = &self.auth else {
            return None;
        };
        let value = {
            let mut challenge = self
                .digest_challenge
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            let challenge = challenge.as_mut()?;
            let uri = match call.url.query() {
                Some(query) => format!("{}?{query}", call.url.path()),
                None => call.url.path().to_owned(),
            };
            let method = digest_auth::HttpMethod::from(call.method.as_str());
            let body = call.body.as_ref().map(|(_, body)| body.as_ref());
            let context = digest_auth::AuthContext::new_with_method(
                user.as_str(),
                password.as_str(),
                uri,
                body,
                method,
            );
            challenge.respond(&context).ok()?.to_header_string()
        };
        let mut value = HeaderValue::from_str(&value).ok()?;
        value.set_sensitive(true);
        Some(value)
    }

    /// Keeps the digest challenge of a 401, if the credentials are digest ones.
    fn accept_challenge(&self, response: &reqwest::Response) -> bool {
        if !matches!(self.auth, RemoteAuth::Digest { .. }) {
            return false;
        }
        let challenge = response
            .headers()
            .get_all(WWW_AUTHENTICATE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .find(|value| {
                value
                    .trim_start()
                    .to_ascii_lowercase()
                    .starts_with("digest")
            })
            .and_then(|value| digest_auth::parse(value).ok());
        match challenge {
            Some(challenge) => {
                *self
                    .digest_challenge
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner) = Some(challenge);
                true
            }
            None => false,
        }
    }
}

/// Forwards a response's body to the channel until it ends, fails, or nobody reads.
async fn forward(
    response: reqwest::Response,
    sender: tokio::sync::mpsc::Sender<Result<Bytes, RemoteError>>,
    call: Call,
    timeout: Duration,
) {
    use futures_util::StreamExt;
    let mut chunks = response.bytes_stream();
    while let Some(chunk) = chunks.next().await {
        let message = chunk.map_err(|error| call.error(transport_kind(&error, timeout)));
        let failed = message.is_err();
        if sender.send(message).await.is_err() || failed {
            return; // the reader is gone (client gone, cancelled), or the stream broke
        }
    }
}

/// A response body as a [`Read`]: blocks the calling thread until the next chunk.
pub struct BodyReader {
    receiver: tokio::sync::mpsc::Receiver<Result<Bytes, RemoteError>>,
    chunk: Bytes,
    error: Option<RemoteError>,
    cancellation: Option<CancellationToken>,
}

impl BodyReader {
    /// The remote failure that ended the body early, if any.
    pub fn take_error(&mut self) -> Option<RemoteError> {
        self.error.take()
    }

    /// Whether reading stopped because the operation was cancelled.
    pub fn cancelled(&self) -> bool {
        self.cancellation
            .as_ref()
            .is_some_and(CancellationToken::is_cancelled)
    }
}

impl Read for BodyReader {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        while self.chunk.is_empty() {
            if self.cancelled() {
                return Err(std::io::Error::other("cancelled"));
            }
            match self.receiver.blocking_recv() {
                None => return Ok(0),
                Some(Ok(chunk)) => self.chunk = chunk,
                Some(Err(error)) => {
                    let message = error.to_string();
                    self.error = Some(error);
                    return Err(std::io::Error::other(message));
                }
            }
        }
        let n = buffer.len().min(self.chunk.len());
        buffer[..n].copy_from_slice(&self.chunk.split_to(n));
        Ok(n)
    }
}

/// Resolves when `token` is cancelled (oxigraph's token has no waker: poll it).
async fn cancelled(token: &CancellationToken) {
    while !token.is_cancelled() {
        tokio::time::sleep(CANCELLATION_POLL).await;
    }
}

/// The media type of a response, lowercase, without parameters.
fn media_type(response: &reqwest::Response) -> Option<String> {
    let value = response.headers().get(CONTENT_TYPE)?.to_str().ok()?;
    let essence = value.split(';').next()?.trim().to_ascii_lowercase();
    (!essence.is_empty()).then_some(essence)
}

/// The start of an error response's body, as text on one line.
async fn error_body(response: reqwest::Response) -> String {
    let body = response.bytes().await.unwrap_or_default();
    let text = String::from_utf8_lossy(&body[..body.len().min(ERROR_BODY_LIMIT)]);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        "(no message)".into()
    } else {
        text
    }
}

/// What kind of failure a transport error is.
fn transport_kind(error: &reqwest::Error, timeout: Duration) -> RemoteErrorKind {
    if error.is_timeout() {
        RemoteErrorKind::Timeout(timeout)
    } else {
        // The source chain says why ("connection refused", "connection reset").
        let mut message = error.to_string();
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            message = format!("{message}: {cause}");
            source = cause.source();
        }
        RemoteErrorKind::Unreachable(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_lose_their_credentials_in_messages() {
        let url = Url::parse("https://user:secret@example.com/sparql?graph=x").unwrap();
        assert_eq!(redact(&url), "https://example.com/sparql");
    }
}
