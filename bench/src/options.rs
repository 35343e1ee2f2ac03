//! Command-line options.

use harness::paths;
use std::path::PathBuf;

pub const USAGE: &str = "bench [--reps N (5)] [--records N (2000)] [--annotate N (100)] [--big-bytes N (1048576)] [--large N (20000)] [--out DIR (bench/results)] [--serve] [--screenshots DIR]";

pub struct Options {
    pub reps: usize,
    pub records: usize,
    pub annotate: usize,
    pub big_bytes: usize,
    /// Records in the large dataset (0: none).
    pub large: usize,
    pub out: PathBuf,
    /// Only start the server with the data and wait (to look at both UIs by hand).
    pub serve: bool,
    /// Only take screenshots of both frontends into this folder (see screenshots.rs).
    pub screenshots: Option<PathBuf>,
}

impl Options {
    pub fn parse(args: Vec<String>) -> Result<Options, String> {
        let mut options = Options {
            reps: 5,
            records: 2000,
            annotate: 100,
            big_bytes: 1 << 20,
            large: 20_000,
            out: paths::project_root().join("bench/results"),
            serve: false,
            screenshots: None,
        };
        let mut it = args.into_iter();
        while let Some(flag) = it.next() {
            if flag == "--serve" {
                options.serve = true;
                continue;
            }
            let value = it.next().ok_or(format!("{flag} needs a value"))?;
            let number = || value.parse::<usize>().map_err(|_| format!("{flag}: not a number: {value}"));
            match flag.as_str() {
                "--reps" => options.reps = number()?.max(1),
                "--records" => options.records = number()?,
                "--annotate" => options.annotate = number()?.max(1),
                "--big-bytes" => options.big_bytes = number()?,
                "--large" => options.large = number()?,
                "--out" => options.out = PathBuf::from(&value),
                "--screenshots" => options.screenshots = Some(PathBuf::from(&value)),
                _ => return Err(format!("unknown option {flag}")),
            }
        }
        if options.annotate * 2 > options.records {
            return Err("--records must be at least twice --annotate".into());
        }
        Ok(options)
    }
}
