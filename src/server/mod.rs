//! `doctrine serve`: the HTTP decision server. It holds one loaded policy, swapped whole
//! when its files change, and answers each request through the application layer, as the
//! command line does; it keeps nothing between requests.

mod analyse;
mod batch;
mod body;
pub mod config;
mod decide;
pub mod endpoints;
mod health;
mod layers;
mod log;
mod metrics;
mod openapi;
mod pages;
mod policy;
mod problem;
mod query;
mod reload;
mod state;
mod status;
mod work;

use std::future::IntoFuture;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;

pub use config::Config;
use state::Shared;

use crate::app::{Failed, Workspace};

/// Why the server did not start.
#[derive(Debug)]
pub enum Failure {
    /// The policy did not load: its errors.
    Policy(Failed),
    /// The address could not be bound, or the runtime not started.
    Io(String),
}

/// The stack of the server's threads: evaluation recurses on the policy's nesting, as on the
/// command line's worker thread.
const STACK_BYTES: usize = 256 * 1024 * 1024;

/// Loads the policy, binds the address, calls `listening` with the address bound, and
/// serves until SIGTERM or Ctrl-C, then finishes the requests in flight.
pub fn run(config: Config, listening: impl FnOnce(SocketAddr)) -> Result<(), Failure> {
    let workspace = Workspace::open(config.spec.clone(), config.lang).map_err(Failure::Policy)?;
    // The server's own overrides must fit the policy, as a reload requires: a request must
    // never be refused for the server's configuration.
    let errors = workspace.errors();
    if !errors.is_empty() {
        return Err(Failure::Policy(Failed {
            diagnostics: errors,
            sources: workspace.sources,
        }));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(STACK_BYTES)
        .max_blocking_threads(config.limits.max_in_flight.max(1))
        .thread_name("doctrine-serve")
        .build()
        .map_err(|e| Failure::Io(format!("cannot start the server's threads: {e}")))?;
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&config.addr)
            .await
            .map_err(|e| Failure::Io(format!("cannot listen on {}: {e}", config.addr)))?;
        let addr = listener
            .local_addr()
            .map_err(|e| Failure::Io(format!("cannot read the address bound: {e}")))?;
        let shared = Arc::new(Shared::new(workspace, config).map_err(Failure::Io)?);
        reload::start(&shared);
        listening(addr);
        tracing::info!(%addr, "listening");
        let stopping = Arc::new(tokio::sync::Notify::new());
        let signalled = {
            let stopping = stopping.clone();
            async move {
                shutdown().await;
                stopping.notify_one();
            }
        };
        let serving = axum::serve(listener, router(shared.clone()))
            .with_graceful_shutdown(signalled)
            .into_future();
        // Requests in flight are finished, but not waited for past the time one may take:
        // a client that never sends the rest of its request must not keep the server up.
        let grace = shared.config.limits.timeout + GRACE;
        tokio::select! {
            result = serving => {
                result.map_err(|e| Failure::Io(format!("the server stopped: {e}")))?;
            }
            () = async {
                stopping.notified().await;
                tokio::time::sleep(grace).await;
            } => {
                tracing::warn!(
                    seconds = grace.as_secs(),
                    "connections still open after the signal: stopping without them"
                );
            }
        }
        shared.finish();
        tracing::info!("stopped");
        Ok(())
    });
    // Work that outlived its request is not waited for.
    runtime.shutdown_timeout(Duration::from_secs(1));
    served
}

/// How much longer than a request may take the server waits, once signalled, for the
/// requests in flight.
const GRACE: Duration = Duration::from_secs(5);

/// Every endpoint, with the layers every request goes through.
fn router(shared: Arc<Shared>) -> Router {
    let mut router = Router::new();
    for endpoint in endpoints::ENDPOINTS {
        router = router.route(endpoint.path, (endpoint.route)());
    }
    router
        .fallback(layers::not_found)
        .method_not_allowed_fallback(layers::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            layers::around,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(
            shared.config.limits.max_body,
        ))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            layers::panicked,
        ))
        .with_state(shared)
}

/// Resolves on SIGTERM or Ctrl-C.
async fn shutdown() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing the requests in flight");
}
