fn main() -> std::process::ExitCode {
    pullquote::cli::run(std::env::args_os())
}
