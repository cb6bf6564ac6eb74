//! `doctrine serve`: analyses.

use super::support::Server;

fn serve_starts() {
    let server = Server::start(&["policies/cloud-au-centre"]);
    assert_eq!(server.get("/health/live").status, 200);
}

tests![serve_starts];
