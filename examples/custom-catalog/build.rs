fn main() {
    let result = errcat_codegen::Config::new()
        .catalog("errors/acme_billing.yaml")
        .catalog("errors/iris_hr_seen.yaml")
        .catalog("errors/ixon_cloud_seen.yaml")
        .catalog("errors/adp_seen.yaml")
        .compile();
    if let Err(e) = result {
        // One `path:line:col: message` line per problem, without a panic's backtrace.
        eprintln!("{e}");
        std::process::exit(1);
    }
}
