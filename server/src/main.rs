use clap::Parser;

#[tokio::main]
async fn main() {
    let cli = portal_server::cli::Cli::parse();
    if let Err(e) = portal_server::cli::run(cli).await {
        eprintln!("portal-server: {e:#}");
        std::process::exit(1);
    }
}
