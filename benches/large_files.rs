//! The largest files Tideline reads (16 MiB), made as awkward as they come: a CSV matrix of
//! the most rows, of huge names, of the most columns, of nothing but unreadable cells; a
//! compact scenario file of the most options, of the most criteria, of every value off its
//! scale. Each command that reads a file (`check`, `score`, `score --method all`,
//! `sensitivity`, `report`) runs on each, as its own process, and the wall time and peak
//! memory are printed. Target: every file answered, accepted or refused, in under 2 s and
//! 512 MB. Run with `cargo bench --bench large_files`; `-- --write DIR` only writes the files
//! (to profile one by hand); `-- NAME` runs the cases whose name contains NAME.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The size every generated file comes up to (the reading limit).
const LIMIT: usize = 16 * 1024 * 1024;

/// Appends `item(i)` for i = 0, 1, … while the text stays within `budget` bytes, with
/// `tail` still to come; returns how many were written.
fn fill(text: &mut String, budget: usize, tail: usize, item: impl Fn(usize) -> String) -> usize {
    let mut i = 0;
    loop {
        let next = item(i);
        if text.len() + next.len() + tail > budget {
            return i;
        }
        text.push_str(&next);
        i += 1;
    }
}

/// A CSV matrix of three columns and as many rows as fit (about 1.2 million).
fn csv_rows() -> String {
    let mut t = String::from("option,cost,effect\ndirection,min,max\nweight,1,3\n");
    fill(&mut t, LIMIT, 0, |i| {
        format!("o{i},{},{}\n", i % 97, i % 13)
    });
    t
}

/// The shortest rows a matrix can have: one criterion, `label,digit` (about 1.9 million).
fn csv_tiny_rows() -> String {
    let mut t = String::from("option,x\n");
    fill(&mut t, LIMIT, 0, |i| format!("{i:x},{}\n", i % 10));
    t
}

/// Four criteria whose names are 4 MiB each, and two options.
fn csv_long_names() -> String {
    let name = |c: char| c.to_string().repeat(LIMIT / 4 - 64);
    let mut t = String::from("option");
    for c in ['a', 'b', 'c', 'd'] {
        t.push(',');
        t.push_str(&name(c));
    }
    t.push_str("\nA,1,2,3,4\nB,4,3,2,1\n");
    t
}

/// As many criteria as fit, `option,c0,c1,…` and one option row of values.
fn csv_columns() -> String {
    // Each column costs its header label, a comma and `,d` in the option row.
    let mut head = String::from("option");
    let mut row = String::from("\nA");
    let mut k = 0;
    while head.len() + row.len() + 16 < LIMIT {
        let _ = write!(head, ",c{k}");
        let _ = write!(row, ",{}", k % 10);
        k += 1;
    }
    head.push_str(&row);
    head.push('\n');
    head
}

/// Every cell unreadable: as many problems as fit.
fn csv_bad_cells() -> String {
    let mut t = String::from("option,cost,effect\n");
    fill(&mut t, LIMIT, 0, |i| format!("o{i},x,y\n"));
    t
}

const RON_HEAD: &str = r#"(metadata:(format_version:1,title:"t",description:"",source:"s",date:"",author:"",languages:["en"]),families:[(id:"f",name:"f")],"#;

/// A compact scenario of `options` options on criteria `a` and `b`, values `value(i)`.
fn ron_options(value: impl Fn(usize) -> u32) -> String {
    let mut t = String::from(RON_HEAD);
    t.push_str(r#"criteria:[(id:"a",name:"a",family:"f",direction:Maximize,scale:(min:0,max:10)),(id:"b",name:"b",family:"f",direction:Minimize,scale:(min:0,max:10))],options:["#);
    // Each option costs its entry and two cells; count first, then write both lists.
    let option = |i: usize| format!(r#"(id:"{i:x}",name:"{i:x}",provenance:(document:"d")),"#);
    let cells = |i: usize| {
        format!(
            r#"(option:"{i:x}",criterion:"a",value:{}),(option:"{i:x}",criterion:"b",value:{}),"#,
            value(i),
            value(i + 1)
        )
    };
    let tail =
        r#"],profiles:[(id:"p",name:"p",family_weights:{"f":1},criterion_weights:{"a":1,"b":2})])"#;
    let mut used = t.len() + "],performance:[".len() + tail.len();
    let mut n = 0;
    while used + option(n).len() + cells(n).len() <= LIMIT {
        used += option(n).len() + cells(n).len();
        n += 1;
    }
    for i in 0..n {
        t.push_str(&option(i));
    }
    t.push_str("],performance:[");
    for i in 0..n {
        t.push_str(&cells(i));
    }
    t.push_str(tail);
    t
}

/// A compact scenario of one option on as many criteria as fit, each with a weight.
fn ron_criteria() -> String {
    let criterion = |k: usize| {
        format!(r#"(id:"{k:x}",name:"{k:x}",family:"f",direction:Maximize,scale:(min:0,max:10)),"#)
    };
    let cell = |k: usize| format!(r#"(option:"o",criterion:"{k:x}",value:{}),"#, k % 10);
    let weight = |k: usize| format!(r#""{k:x}":1,"#);
    let mut t = String::from(RON_HEAD);
    let mut used = t.len() + 300;
    let mut n = 0;
    while used + criterion(n).len() + cell(n).len() + weight(n).len() <= LIMIT {
        used += criterion(n).len() + cell(n).len() + weight(n).len();
        n += 1;
    }
    t.push_str("criteria:[");
    (0..n).for_each(|k| t.push_str(&criterion(k)));
    t.push_str(r#"],options:[(id:"o",name:"o",provenance:(document:"d"))],performance:["#);
    (0..n).for_each(|k| t.push_str(&cell(k)));
    t.push_str(r#"],profiles:[(id:"p",name:"p",family_weights:{"f":1},criterion_weights:{"#);
    (0..n).for_each(|k| t.push_str(&weight(k)));
    t.push_str("})])");
    t
}

/// The largest matrix within the limits (`files::limits`) of `options` rows and `criteria`
/// columns, values 0 to 9 and every third criterion a cost.
fn csv_within_limits(options: usize, criteria: usize) -> String {
    let mut t = String::from("option");
    (0..criteria).for_each(|k| {
        let _ = write!(t, ",c{k}");
    });
    t.push_str("\ndirection");
    (0..criteria).for_each(|k| t.push_str(if k % 3 == 2 { ",min" } else { ",max" }));
    t.push('\n');
    for i in 0..options {
        let _ = write!(t, "o{i}");
        for k in 0..criteria {
            let _ = write!(t, ",{}", (i * 7 + k * 3) % 10);
        }
        t.push('\n');
    }
    t
}

/// Every generated case: a file name and its text.
fn cases() -> Vec<(&'static str, String)> {
    vec![
        ("csv-rows.csv", csv_rows()),
        ("csv-tiny-rows.csv", csv_tiny_rows()),
        ("csv-long-names.csv", csv_long_names()),
        ("csv-columns.csv", csv_columns()),
        ("csv-bad-cells.csv", csv_bad_cells()),
        ("ron-options.ron", ron_options(|i| (i % 11) as u32)),
        ("ron-off-scale.ron", ron_options(|i| 11 + (i % 7) as u32)),
        ("ron-criteria.ron", ron_criteria()),
        ("csv-limit-20000x10.csv", csv_within_limits(20_000, 10)),
        ("csv-limit-200x1000.csv", csv_within_limits(200, 1_000)),
        ("csv-limit-2000x100.csv", csv_within_limits(2_000, 100)),
    ]
}

/// Peak resident memory of a finished run, from `/usr/bin/time -v`'s report, in MB.
fn max_rss_mb(report: &str) -> Option<f64> {
    report
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
        .and_then(|kb| kb.trim().parse::<f64>().ok())
        .map(|kb| kb * 1024.0 / 1e6)
}

/// Processor time (user + system) of a finished run, from `/usr/bin/time -v`'s report: on a
/// machine shared with other work it says more than the wall time.
fn cpu_seconds(report: &str) -> Option<f64> {
    let field = |name: &str| {
        report
            .lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .and_then(|s| s.trim().parse::<f64>().ok())
    };
    Some(field("User time (seconds):")? + field("System time (seconds):")?)
}

/// Runs `tideline args…` on `file`; prints the wall time, the processor time and peak memory
/// (when `/usr/bin/time` is there) and the first line of the answer.
fn run(file: &Path, args: &[&str], out_dir: &Path) {
    let exe = env!("CARGO_BIN_EXE_tideline");
    let time = Path::new("/usr/bin/time");
    let mut cmd = if time.exists() {
        let mut c = Command::new(time);
        c.arg("-v").arg(exe);
        c
    } else {
        Command::new(exe)
    };
    let mut full: Vec<String> = vec![args[0].to_string(), file.display().to_string()];
    full.extend(
        args[1..]
            .iter()
            .map(|a| a.replace("{out}", &out_dir.display().to_string())),
    );
    cmd.args(&full);
    let start = Instant::now();
    let output = match cmd.output() {
        Ok(o) => o,
        Err(e) => {
            println!("  cannot run {exe}: {e}");
            return;
        }
    };
    let secs = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let memory = max_rss_mb(&stderr).map_or_else(|| "?".to_string(), |m| format!("{m:.0} MB"));
    let answer = String::from_utf8_lossy(&output.stdout)
        .lines()
        .chain(stderr.lines())
        .find(|l| !l.trim().is_empty() && !l.starts_with('\t') && !l.starts_with("Command"))
        .map(|l| {
            let l = l.replace(&file.display().to_string(), "FILE");
            l.chars().take(90).collect::<String>()
        })
        .unwrap_or_default();
    // Marked when over the target in processor time (wall time on a busy machine is longer).
    let used = cpu_seconds(&stderr).unwrap_or(secs);
    let flag = if used < 2.0 && max_rss_mb(&stderr).is_none_or(|m| m < 512.0) {
        " "
    } else {
        "!"
    };
    let cpu = cpu_seconds(&stderr).map_or_else(|| "?".to_string(), |c| format!("{c:.2} s"));
    println!(
        "{flag} {:<34} {:>6.2} s wall {:>7} cpu {:>8}  {}",
        args.join(" ").replace("{out}/", ""),
        secs,
        cpu,
        memory,
        answer
    );
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let dir = std::env::temp_dir().join(format!("tideline-large-{}", std::process::id()));
    let write_only = args.first().is_some_and(|a| a == "--write");
    let dir: PathBuf = if write_only {
        args.get(1).map_or(dir, PathBuf::from)
    } else {
        dir
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        println!("cannot create {}: {e}", dir.display());
        return;
    }
    let wanted = if write_only { None } else { args.first() };
    let commands: [&[&str]; 5] = [
        &["check"],
        &["score"],
        &["score", "--method", "all"],
        &["sensitivity"],
        &["report", "-o", "{out}/briefing.html", "--method", "wsm"],
    ];
    for (name, text) in cases() {
        if wanted.is_some_and(|w| !name.contains(w.as_str())) {
            continue;
        }
        let path = dir.join(name);
        if let Err(e) = std::fs::write(&path, &text) {
            println!("cannot write {}: {e}", path.display());
            return;
        }
        println!("{name}: {} bytes", text.len());
        if write_only {
            continue;
        }
        for args in commands {
            run(&path, args, &dir);
        }
        let _ = std::fs::remove_file(&path);
    }
    if !write_only {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
