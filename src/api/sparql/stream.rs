//! Running store operations off the async runtime: a concurrency slot, a timeout,
//! cancellation when the client goes away, and results streamed as they are written.
//!
//! Oxigraph is synchronous and its result iterators are not `Send`, so an operation
//! runs on a blocking thread. A query writes into a [`ChannelWriter`] whose chunks
//! become the response body: the first bytes leave before the last are computed,
//! and memory holds a few chunks, not the result. The timeout is a tokio timer
//! that cancels oxigraph's [`CancellationToken`]; dropping the response body (the
//! client went away) cancels it too. Oxigraph checks the token as it reads the
//! store, so an operation that reads nothing cannot be stopped: the slots bound
//! how many run at once.

use super::SparqlError;
use crate::api::AppState;
use crate::store::{CancellationToken, StoreError};
use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use std::io::{self, Write};
use tokio::sync::{mpsc, OwnedSemaphorePermit};

/// Chunks sent to the client: large enough to amortise the channel, small enough to stream.
const CHUNK_SIZE: usize = 64 * 1024;

/// Chunks buffered between the blocking thread and the client.
const CHANNEL_CHUNKS: usize = 4;

/// An operation that may start: it holds a slot and a cancellation token with its timer.
pub(super) struct Operation {
    permit: OwnedSemaphorePermit,
    guard: CancelOnDrop,
}

/// Cancels the operation and stops its timer when dropped (done, or the client went away).
struct CancelOnDrop {
    cancellation: CancellationToken,
    timer: tokio::task::JoinHandle<()>,
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.cancellation.cancel();
        self.timer.abort();
    }
}

impl Operation {
    /// Takes a slot, or answers 503 with `Retry-After` when all are taken, and
    /// starts the timeout.
    pub(super) fn start(state: &AppState) -> Result<Self, SparqlError> {
        let permit = state
            .operation_slots
            .clone()
            .try_acquire_owned()
            .map_err(|_| SparqlError::busy())?;
        let cancellation = CancellationToken::new();
        let timeout = state.config.query_timeout;
        let timer = tokio::spawn({
            let cancellation = cancellation.clone();
            async move {
                tokio::time::sleep(timeout).await;
                cancellation.cancel();
            }
        });
        Ok(Self {
            permit,
            guard: CancelOnDrop {
                cancellation,
                timer,
            },
        })
    }

    /// Runs `job` on a blocking thread and waits for its result. Dropping the
    /// returned future (the client went away) cancels the job.
    pub(super) async fn run<T, F>(self, job: F) -> Result<T, SparqlError>
    where
        T: Send + 'static,
        F: FnOnce(CancellationToken) -> Result<T, StoreError> + Send + 'static,
    {
        let Operation { permit, guard } = self;
        let cancellation = guard.cancellation.clone();
        let result = tokio::task::spawn_blocking(move || {
            let _permit = permit; // the slot is free when the work is, not before
            job(cancellation)
        })
        .await?;
        drop(guard);
        Ok(result?)
    }

    /// Runs `job` on a blocking thread, streaming what it writes as the response
    /// body with this media type. Errors before the first byte get their status;
    /// later ones can only cut the body short.
    pub(super) async fn stream<F>(
        self,
        media_type: &'static str,
        job: F,
    ) -> Result<Response, SparqlError>
    where
        F: FnOnce(ChannelWriter, CancellationToken) -> Result<ChannelWriter, StoreError>
            + Send
            + 'static,
    {
        let Operation { permit, guard } = self;
        let cancellation = guard.cancellation.clone();
        let (sender, mut receiver) = mpsc::channel::<Result<Bytes, StoreError>>(CHANNEL_CHUNKS);
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let writer = ChannelWriter {
                buffer: Vec::with_capacity(CHUNK_SIZE),
                sender: sender.clone(),
            };
            let result = job(writer, cancellation)
                .and_then(|mut writer| writer.finish().map_err(StoreError::Write));
            if let Err(error) = result {
                // The receiver may be gone already (client left): nothing more to do then.
                let _ = sender.blocking_send(Err(error));
            }
        });

        let first = match receiver.recv().await {
            None => Bytes::new(),
            Some(Err(error)) => return Err(error.into()),
            Some(Ok(chunk)) => chunk,
        };
        // A result that fits one chunk (most do) goes out whole, with its length:
        // no chunked encoding, headers and body in one write.
        let second = match receiver.recv().await {
            None => {
                drop(guard);
                return Ok(full_response(media_type, Body::from(first)));
            }
            Some(Err(error)) => return Err(error.into()),
            Some(Ok(chunk)) => chunk,
        };
        let rest =
            futures_util::stream::unfold((receiver, guard), |(mut receiver, guard)| async move {
                let item = receiver.recv().await?;
                let item = item.map_err(|error| {
                    tracing::warn!(%error, "operation failed while streaming");
                    io::Error::other(error.to_string())
                });
                Some((item, (receiver, guard)))
            });
        let body = futures_util::stream::iter([Ok::<_, io::Error>(first), Ok(second)]);
        let body = Body::from_stream(futures_util::StreamExt::chain(body, rest));
        Ok(full_response(media_type, body))
    }
}

/// A 200 response with this media type and body.
fn full_response(media_type: &'static str, body: Body) -> Response {
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static(media_type))],
        body,
    )
        .into_response()
}

/// Buffers bytes and sends them as chunks through the channel to the response body.
pub(super) struct ChannelWriter {
    buffer: Vec<u8>,
    sender: mpsc::Sender<Result<Bytes, StoreError>>,
}

impl ChannelWriter {
    /// Sends the buffer as a chunk and goes on in a new one.
    fn send(&mut self) -> io::Result<()> {
        self.send_and_continue_in(Vec::with_capacity(CHUNK_SIZE))
    }

    /// Sends what is left, without a new buffer.
    fn finish(&mut self) -> io::Result<()> {
        self.send_and_continue_in(Vec::new())
    }

    fn send_and_continue_in(&mut self, next: Vec<u8>) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buffer, next));
        self.sender
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client went away"))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(data);
        if self.buffer.len() >= CHUNK_SIZE {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        // Serialisers flush often; sending tiny chunks would only cost. The end sends the rest.
        Ok(())
    }
}
