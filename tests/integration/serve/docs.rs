//! `docs/serve.md`: every example run against a real server.

use super::support::Server;

fn docs_server_starts() {
    let server = Server::start(&["policies/cloud-au-centre"]);
    assert_eq!(server.get("/health/ready").status, 200);
}

tests![docs_server_starts];
