//! `kzlg serve`: the graph as a read-only web site and SPARQL endpoint, loaded once.
//!
//! The server is hyper's HTTP/1.1 on the tokio runtime (both already in the dependency tree
//! through reqwest): every connection is a task, so a slow or idle client costs a few kilobytes
//! and blocks nobody. A request's head must arrive within [`HEAD_TIMEOUT`] and its body within
//! [`BODY_TIMEOUT`]; the answer itself is worked out on tokio's blocking pool, at most
//! [`Limits::workers`] at a time, so that the evaluator (synchronous, CPU-bound) never stalls
//! the tasks that read and write sockets. Routes: [`site::route`].

mod endpoint;
mod http;
mod pages;
mod reconcile;
mod site;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::Semaphore;

use crate::catalogue::{self, Entry};
use crate::date::Date;
use crate::error::{Error, Result};
use crate::search::{Builder, Index};
use crate::stats::{self, Stats};
use crate::store;

/// How long a client may take to send a request's head (request line and headers).
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a client may take to send a request's body once its head is in.
const BODY_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest request head hyper buffers (a longer one is answered 431).
const MAX_HEAD: usize = 128 * 1024;

/// What the server serves, and how.
#[derive(Debug, Clone)]
pub struct Config {
    /// A built graph file; `None` builds the graph from `tables`.
    pub data: Option<PathBuf>,
    /// An on-disk store that `kzlg load` made, opened instead of loading anything.
    pub store: Option<PathBuf>,
    /// The tables: the graph (without `data`), the search index and the counts of the home page.
    pub tables: PathBuf,
    pub catalogue: PathBuf,
    pub bind: SocketAddr,
    pub as_of: Option<Date>,
    pub cors: bool,
    pub limits: Limits,
    /// No progress while loading, however long it takes.
    pub quiet: bool,
}

/// What one request may cost.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// A query's time, from its arrival to the last row.
    pub timeout: Duration,
    /// Rows (or triples) of one answer; more are cut, and the answer says so.
    pub max_rows: usize,
    /// Bytes of a request body (413 beyond).
    pub max_body: usize,
    /// Bytes of a request target, path and query string (414 beyond: use POST).
    pub max_uri: usize,
    /// Answers worked out at once; the others wait their turn (within their timeout).
    pub workers: usize,
}

/// Everything loaded once at start, shared read-only by every request.
pub struct State {
    pub store: store::disk::Opened,
    /// The search index of the tables, when they could be read (a `--data` file alone has none).
    pub index: Option<Index>,
    pub catalogue: Vec<Entry>,
    pub stats: Option<Stats>,
    pub config: Config,
    workers: Semaphore,
}

impl State {
    /// Loads the graph, the index, the catalogue and the counts.
    pub fn load(config: Config) -> Result<State> {
        let progress = crate::progress::Progress::new(config.quiet);
        let (store, index) = match (&config.store, &config.data) {
            (Some(dir), _) => (store::disk::open(dir, config.as_of)?, Index::read(&config.tables).ok()),
            (None, Some(path)) => (
                store::from_file_as_of(path, config.as_of, &progress)?.into(),
                Index::read(&config.tables).ok(),
            ),
            (None, None) => {
                let mut builder = Builder::default();
                let (store, _) = store::from_tables_observed(
                    &config.tables,
                    config.as_of,
                    &mut progress.rows(|row, site| builder.observe(row, site.line)),
                )?;
                (store.into(), Some(builder.finish()))
            }
        };
        drop(progress);
        let stats = stats::collect(&config.tables, None).ok();
        let catalogue = catalogue::list(&config.catalogue)?;
        Ok(State {
            store,
            index,
            catalogue,
            stats,
            workers: Semaphore::new(config.limits.workers),
            config,
        })
    }
}

/// Loads everything, binds, says where it listens on standard error, and serves until killed.
pub fn run(config: Config) -> Result<()> {
    let started = Instant::now();
    let bind = config.bind;
    let state = Arc::new(State::load(config)?);
    // No more blocking threads than answers worked out at once: each thread's allocator arena
    // stays warm, and memory stays flat under load.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(state.config.limits.workers)
        .enable_all()
        .build()
        .map_err(|e| Error::Serve(format!("cannot start the runtime: {e}")))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(bind)
            .await
            .map_err(|e| Error::Serve(format!("cannot listen on {bind}: {e}")))?;
        let address = listener.local_addr().unwrap_or(bind);
        eprintln!(
            "kzlg serve: loaded in {} ms; listening on http://{address}/ (SPARQL at http://{address}/sparql)",
            started.elapsed().as_millis()
        );
        loop {
            let stream = match listener.accept().await {
                Ok((stream, _)) => stream,
                Err(error) => {
                    // Out of file descriptors, mostly: wait for some to be freed.
                    eprintln!("kzlg serve: accept failed: {error}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let _ = stream.set_nodelay(true);
            let state = Arc::clone(&state);
            tokio::spawn(async move {
                let service = service_fn(move |request| answer(Arc::clone(&state), request));
                let _ = http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(HEAD_TIMEOUT)
                    .max_buf_size(MAX_HEAD)
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    })
}

/// Reads a request's body within its limits, then has [`site::route`] answer it on the
/// blocking pool.
async fn answer(
    state: Arc<State>,
    request: Request<Incoming>,
) -> std::result::Result<Response<Full<Bytes>>, hyper::Error> {
    let arrived = Instant::now();
    let limits = state.config.limits;
    let (parts, body) = request.into_parts();
    let cors = state.config.cors;
    let finish = move |response: Response<Full<Bytes>>| Ok(http::finish(response, cors));
    if parts.uri.to_string().len() > limits.max_uri {
        return finish(http::problem(
            StatusCode::URI_TOO_LONG,
            &format!(
                "the request target is longer than {} bytes: send a long query with POST",
                limits.max_uri
            ),
        ));
    }
    let body = match tokio::time::timeout(BODY_TIMEOUT, Limited::new(body, limits.max_body).collect()).await {
        Err(_) => {
            return finish(http::problem(
                StatusCode::REQUEST_TIMEOUT,
                &format!("the request body did not arrive within {} s", BODY_TIMEOUT.as_secs()),
            ));
        }
        Ok(Err(error)) if error.is::<http_body_util::LengthLimitError>() => {
            return finish(http::problem(
                StatusCode::PAYLOAD_TOO_LARGE,
                &format!("the request body is larger than {} bytes", limits.max_body),
            ));
        }
        Ok(Err(error)) => {
            return finish(http::problem(
                StatusCode::BAD_REQUEST,
                &format!("cannot read the body: {error}"),
            ));
        }
        Ok(Ok(collected)) => collected.to_bytes(),
    };
    let Ok(_permit) = state.workers.acquire().await else {
        return finish(http::problem(
            StatusCode::SERVICE_UNAVAILABLE,
            "the server is shutting down",
        ));
    };
    let deadline = arrived + limits.timeout;
    let cancel = oxigraph::sparql::CancellationToken::new();
    let work = {
        let (state, cancel) = (Arc::clone(&state), cancel.clone());
        tokio::task::spawn_blocking(move || site::route(&state, &http::Incoming::new(parts, body), cancel))
    };
    match tokio::time::timeout_at(deadline.into(), work).await {
        Ok(Ok(response)) => finish(response),
        Ok(Err(_)) => finish(http::problem(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the answer failed; see the server's log",
        )),
        Err(_) => {
            cancel.cancel();
            finish(http::problem(
                StatusCode::SERVICE_UNAVAILABLE,
                &format!(
                    "no answer within the time limit of {} s (--timeout): the query was stopped. Narrow it (a LIMIT, fewer unbound patterns) or ask the operator for a longer --timeout",
                    limits.timeout.as_secs_f64()
                ),
            ))
        }
    }
}
