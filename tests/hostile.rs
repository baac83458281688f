//! Hostile inputs through the real binary. Every case is built here (no large files are
//! committed). For each: the exit code (2, or a correct result where the file really is
//! readable), exactly one line on stderr naming the file, no "panicked", peak memory of the
//! child under 200 MB and under 2 s of CPU time.
//!
//! Peak memory and CPU time come from `/usr/bin/time -f "%M %U %S"` when it is installed;
//! otherwise the child's VmHWM in /proc is polled and wall time is used. The children are
//! run one at a time (a lock) so that the measurements do not disturb each other. CPU time
//! rather than wall time is compared with the 2 s budget because `cargo test` runs other
//! test binaries' builds and threads next to these; a hang still fails (wall limit 30 s).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

const MAX_PEAK_KB: u64 = 200 * 1024;
/// CPU bound for one input: against blowups (a quadratic pass over 10 MB would take
/// minutes), not a benchmark. The debug build that the README's `cargo test` runs leaves
/// the crate's own code unoptimised (std's iterators too, instantiated here), about ten
/// times slower than release: a 10 MB line or run of words takes 1.8-2.0 s of CPU there
/// (0.3 s in release), too close to a 2 s bound on a busy machine.
const MAX_CPU: Duration = Duration::from_secs(if cfg!(debug_assertions) { 4 } else { 2 });
const MAX_WALL: Duration = Duration::from_secs(30);

static SERIAL: Mutex<()> = Mutex::new(());

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_hmip"))
}

fn fixture(rel: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[derive(Debug)]
struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    peak_kb: u64,
    cpu: Duration,
    wall: Duration,
}

/// Runs `hmip ARGS... FILES...` measuring the child.
fn run_hmip(args: &[&str], files: &[&Path]) -> Outcome {
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let stats = dir.path().join("time.txt");
    let timer = Path::new("/usr/bin/time");
    let use_timer = timer.exists();
    let mut cmd = if use_timer {
        let mut c = Command::new(timer);
        c.arg("-f").arg("%M %U %S").arg("-o").arg(&stats).arg(bin());
        c
    } else {
        Command::new(bin())
    };
    cmd.args(args)
        .args(files)
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd.spawn().unwrap();
    let pid = child.id();
    // Drain the pipes on threads so a chatty child never blocks.
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let to = std::thread::spawn(move || {
        let mut s = Vec::new();
        std::io::Read::read_to_end(&mut so, &mut s).ok();
        s
    });
    let te = std::thread::spawn(move || {
        let mut s = Vec::new();
        std::io::Read::read_to_end(&mut se, &mut s).ok();
        s
    });
    let mut polled_kb = 0u64;
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if !use_timer {
            polled_kb = polled_kb.max(vm_hwm_kb(pid));
        }
        if start.elapsed() > MAX_WALL {
            child.kill().ok();
            panic!("hmip {args:?} {files:?} still running after {MAX_WALL:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let wall = start.elapsed();
    let stdout = String::from_utf8_lossy(&to.join().unwrap()).into_owned();
    let mut stderr = String::from_utf8_lossy(&te.join().unwrap()).into_owned();
    let (peak_kb, cpu) = if use_timer {
        let t = std::fs::read_to_string(&stats).unwrap_or_default();
        // /usr/bin/time prefixes "Command exited with non-zero status N" on its own line.
        let last = t.lines().last().unwrap_or("").to_string();
        let v: Vec<&str> = last.split_whitespace().collect();
        let kb = v.first().and_then(|s| s.parse().ok()).unwrap_or(0);
        let secs = |i: usize| v.get(i).and_then(|s| s.parse::<f64>().ok()).unwrap_or(0.0);
        (kb, Duration::from_secs_f64(secs(1) + secs(2)))
    } else {
        (polled_kb, wall)
    };
    // `time` itself writes nothing to stderr when given -o; keep only the child's lines.
    stderr.retain(|c| c != '\r');
    let code = if use_timer {
        // time exits with the child's status.
        status.code()
    } else {
        status.code()
    };
    Outcome {
        code,
        stdout,
        stderr,
        peak_kb,
        cpu,
        wall,
    }
}

fn vm_hwm_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// Writes `bytes` as `name` in a fresh directory and checks it.
fn check_bytes(name: &str, bytes: &[u8]) -> (Outcome, tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(bytes))
        .unwrap();
    let out = run_hmip(&["check", "--color", "never"], &[&path]);
    eprintln!(
        "hostile {name}: exit {:?}, {:.2} s cpu, {:.2} s wall, peak {} KB",
        out.code,
        out.cpu.as_secs_f64(),
        out.wall.as_secs_f64(),
        out.peak_kb
    );
    (out, dir, path)
}

/// The common guarantees: bounded time and memory, no panic output.
fn assert_bounded(name: &str, o: &Outcome) {
    assert_bounded_cpu(name, o, MAX_CPU);
}

fn assert_bounded_cpu(name: &str, o: &Outcome, max_cpu: Duration) {
    assert!(
        !o.stderr.contains("panicked") && !o.stderr.contains("RUST_BACKTRACE"),
        "{name}: {}",
        o.stderr
    );
    assert!(
        o.peak_kb < MAX_PEAK_KB,
        "{name}: peak memory {} KB over {MAX_PEAK_KB} KB",
        o.peak_kb
    );
    assert!(o.cpu < max_cpu, "{name}: took {:?} of cpu", o.cpu);
}

/// Refused: exit 2 and one line on stderr naming the file, containing `reason`.
fn assert_refused(name: &str, bytes: &[u8], reason: &str) -> Outcome {
    assert_refused_cpu(name, bytes, reason, MAX_CPU)
}

fn assert_refused_cpu(name: &str, bytes: &[u8], reason: &str, max_cpu: Duration) -> Outcome {
    let (o, _dir, path) = check_bytes(name, bytes);
    assert_bounded_cpu(name, &o, max_cpu);
    assert_eq!(o.code, Some(2), "{name}: {o:?}");
    let lines: Vec<&str> = o.stderr.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "{name}: stderr is not one line: {:?}",
        o.stderr
    );
    let line = lines.first().copied().unwrap_or("");
    assert!(
        line.starts_with(&format!("hmip: {}: ", path.display())),
        "{name}: {line}"
    );
    assert!(
        line.to_lowercase().contains(&reason.to_lowercase()),
        "{name}: expected {reason:?} in {line}"
    );
    o
}

/// Read: exit 0 or 1, nothing on stderr; returns the JSON check line without "file".
fn assert_read(name: &str, bytes: &[u8]) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let o = run_hmip(&["check", "--format", "json"], &[&path]);
    eprintln!(
        "hostile {name}: exit {:?}, {:.2} s cpu, peak {} KB",
        o.code,
        o.cpu.as_secs_f64(),
        o.peak_kb
    );
    assert_bounded(name, &o);
    assert!(matches!(o.code, Some(0 | 1)), "{name}: {o:?}");
    assert!(o.stderr.is_empty(), "{name}: {}", o.stderr);
    let mut v: serde_json::Value = serde_json::from_str(o.stdout.trim()).unwrap();
    v.as_object_mut().map(|m| m.remove("file"));
    v
}

/// A deterministic byte generator (xorshift), so failures reproduce.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    let mut v = Vec::with_capacity(len);
    while v.len() < len {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        v.extend_from_slice(&seed.to_le_bytes());
    }
    v.truncate(len);
    v
}

/// A PDF from object bodies (object i+1 is `objects[i]`), with a correct xref table.
/// Object 1 must be the catalog.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(dict_extra: &str, data: &[u8]) -> Vec<u8> {
    let mut v = format!("<< /Length {}{dict_extra} >>\nstream\n", data.len()).into_bytes();
    v.extend_from_slice(data);
    v.extend_from_slice(b"\nendstream");
    v
}

const CATALOG: &[u8] = b"<< /Type /Catalog /Pages 2 0 R >>";
const PAGES: &[u8] = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
const PAGE: &[u8] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
    /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>";

/// A one-page PDF whose page content stream is `content` (object 4) and whose font is
/// `font` (object 5), plus `extra` objects from 6 on.
fn one_page_pdf(content: Vec<u8>, font: &[u8], extra: &[Vec<u8>]) -> Vec<u8> {
    let mut objs = vec![
        CATALOG.to_vec(),
        PAGES.to_vec(),
        PAGE.to_vec(),
        content,
        font.to_vec(),
    ];
    objs.extend_from_slice(extra);
    pdf(&objs)
}

const HELVETICA: &[u8] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

/// 1 GiB of zeros as a zlib stream of about 1 MB: the best compression deflate allows.
fn bomb() -> &'static [u8] {
    static BOMB: OnceLock<Vec<u8>> = OnceLock::new();
    BOMB.get_or_init(|| zlib_zeros(1 << 30))
}

/// Deflate bits, least significant first.
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    fn put(&mut self, v: u64, n: u32) {
        self.acc |= v << self.n;
        self.n += n;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }
    /// A Huffman code goes in most significant bit first.
    fn code(&mut self, (c, n): (u64, u32)) {
        let r = (0..n).fold(0, |r, i| (r << 1) | ((c >> i) & 1));
        self.put(r, n);
    }
}

/// `n` zero bytes as a zlib stream, written directly rather than by running a compressor
/// over them (1 GiB through a debug-build compressor takes most of a minute). One dynamic
/// Huffman block: a literal 0, then matches of length 258 at distance 1, each coded in two
/// bits — what `flate2` at `Compression::best()` produces too, within a few bytes. Checked
/// against flate2 below.
fn zlib_zeros(n: u64) -> Vec<u8> {
    let mut w = Bits {
        out: vec![0x78, 0xDA],
        acc: 0,
        n: 0,
    };
    w.put(1, 1); // final block
    w.put(2, 2); // dynamic Huffman
    w.put(29, 5); // 286 literal/length codes
    w.put(0, 5); // 1 distance code
    w.put(14, 4); // 18 code-length codes
                  // Code-length code lengths in the deflate order: 18 has 1 bit, 1 and 2 have 2 bits.
    for sym in [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1] {
        w.put(
            match sym {
                18 => 1,
                1 | 2 => 2,
                _ => 0,
            },
            3,
        );
    }
    let (rep0, one, two) = ((0, 1), (2, 2), (3, 2));
    let zeros = |w: &mut Bits, mut k: u64| {
        while k > 0 {
            let run = k.min(138);
            w.code(rep0);
            w.put(run - 11, 7);
            k -= run;
        }
    };
    // Literal/length lengths: 0 → 2 bits, 256 (end) → 2 bits, 285 (length 258) → 1 bit;
    // the one distance code (distance 1) → 1 bit.
    w.code(two);
    zeros(&mut w, 255);
    w.code(two);
    zeros(&mut w, 28);
    w.code(one);
    w.code(one);
    let (lit0, end, len258, dist1) = ((2, 2), (3, 2), (0, 1), (0, 1));
    if n > 0 {
        w.code(lit0);
        let matches = (n - 1) / 258;
        for _ in 0..matches {
            w.code(len258);
            w.code(dist1);
        }
        for _ in 0..(n - 1 - matches * 258) {
            w.code(lit0);
        }
    }
    w.code(end);
    if w.n > 0 {
        w.out.push(w.acc as u8);
    }
    // Adler-32 of n zeros: a = 1, b = n.
    w.out
        .extend_from_slice(&((((n % 65521) as u32) << 16) | 1).to_be_bytes());
    w.out
}

#[test]
fn the_zero_generator_is_a_valid_zlib_stream() {
    use std::io::Read;
    for n in [0u64, 1, 2, 258, 259, 260, 1000, 123_457] {
        let mut got = Vec::new();
        flate2::read::ZlibDecoder::new(zlib_zeros(n).as_slice())
            .read_to_end(&mut got)
            .unwrap();
        assert_eq!(got, vec![0u8; n as usize], "{n}");
    }
    let b = bomb();
    assert!(b.len() < 1_100_000, "{}", b.len());
    // The bomb's first megabyte decodes to zeros; a bounded reader stops there.
    let mut head = Vec::new();
    flate2::read::ZlibDecoder::new(b)
        .take(1 << 20)
        .read_to_end(&mut head)
        .unwrap();
    assert!(head.len() == 1 << 20 && head.iter().all(|&b| b == 0));
}

#[test]
fn empty_file() {
    assert_refused("empty.txt", b"", "no recognisable ratings");
}

#[test]
fn random_bytes() {
    assert_refused(
        "random.bin",
        &noise(1 << 20, 0x9E37_79B9_7F4A_7C15),
        "not UTF-8",
    );
}

#[test]
fn pdf_header_then_garbage() {
    let mut b = b"%PDF-1.7\n".to_vec();
    b.extend(noise(1 << 20, 7));
    assert_refused("garbage.pdf", &b, "pdf");
}

#[test]
fn truncated_real_pdf_at_every_tenth() {
    let full = fixture("pdf/lancashire-yot-2019.pdf");
    for tenth in 0..10 {
        let cut = full.len() * tenth / 10;
        let name = format!("lancashire-cut{tenth}0.pdf");
        let (o, _dir, path) = check_bytes(&name, full.get(..cut).unwrap());
        assert_bounded(&name, &o);
        match o.code {
            Some(2) => {
                let lines: Vec<&str> = o.stderr.lines().collect();
                assert_eq!(lines.len(), 1, "{name}: {:?}", o.stderr);
                assert!(
                    lines
                        .first()
                        .is_some_and(|l| l.starts_with(&format!("hmip: {}: ", path.display()))),
                    "{name}: {:?}",
                    o.stderr
                );
            }
            // Enough of the file survived to be read: a result, no complaint.
            Some(0 | 1) => assert!(o.stderr.is_empty(), "{name}: {}", o.stderr),
            other => panic!("{name}: exit {other:?}: {}", o.stderr),
        }
    }
}

#[test]
fn flate_bomb_as_page_content() {
    let content = stream(" /Filter /FlateDecode", bomb());
    let b = one_page_pdf(content, HELVETICA, &[]);
    assert!(b.len() < 3 << 20, "bomb is {} bytes", b.len());
    assert_refused(
        "bomb-content.pdf",
        &b,
        "limit on decompressed bytes per stream",
    );
}

#[test]
fn flate_bomb_as_to_unicode_map() {
    let content = stream("", b"BT /F1 12 Tf 72 720 Td (Overall rating Good) Tj ET");
    let font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>";
    let cmap = stream(" /Filter /FlateDecode", bomb());
    let b = one_page_pdf(content, font, &[cmap]);
    assert_refused(
        "bomb-tounicode.pdf",
        &b,
        "limit on decompressed bytes per stream",
    );
}

#[test]
fn many_bombs_under_the_stream_limit() {
    // Each stream decodes to just under the per-stream limit (16 MiB); the page's contents
    // array names it 40 times, and 40 pages share it: the page's concatenated content is
    // over the per-stream limit, and the pages together are over the per-document limit.
    let s = stream(" /Filter /FlateDecode", &zlib_zeros((16 << 20) - 1));
    let refs = "6 0 R ".repeat(40);
    let page =
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [{refs}] >>");
    let b = pdf(&[
        CATALOG.to_vec(),
        PAGES.to_vec(),
        page.into_bytes(),
        b"null".to_vec(),
        b"null".to_vec(),
        s.clone(),
    ]);
    assert_refused(
        "bomb-array.pdf",
        &b,
        "limit on decompressed bytes per stream",
    );
    // 40 pages, each with the same stream once: the document limit (256 MiB) is reached.
    let kids: String = (0..40).map(|i| format!("{} 0 R ", 7 + i)).collect();
    let mut objs = vec![
        CATALOG.to_vec(),
        format!("<< /Type /Pages /Kids [{kids}] /Count 40 >>").into_bytes(),
        b"null".to_vec(),
        b"null".to_vec(),
        b"null".to_vec(),
        s,
    ];
    for _ in 0..40 {
        objs.push(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 6 0 R >>".to_vec(),
        );
    }
    // Reaching the document limit means decoding and interpreting 256 MiB: 0.4 s in a
    // release build, about 8 s in an unoptimised one (lopdf's content parser and zlib-rs
    // run unoptimised too), so the 2 s budget holds for release builds only.
    let cpu = if cfg!(debug_assertions) {
        Duration::from_secs(20)
    } else {
        MAX_CPU
    };
    assert_refused_cpu(
        "bomb-pages.pdf",
        &pdf(&objs),
        "limit on decompressed bytes per document",
        cpu,
    );
}

#[test]
fn arrays_nested_100000_deep_in_a_content_stream() {
    let mut data = b"BT /F1 12 Tf ".to_vec();
    data.extend(std::iter::repeat_n(b'[', 100_000));
    data.extend(std::iter::repeat_n(b']', 100_000));
    data.extend_from_slice(b" TJ ET");
    let b = one_page_pdf(stream("", &data), HELVETICA, &[]);
    assert_refused("nested-content.pdf", &b, "nesting depth");
}

#[test]
fn arrays_nested_100000_deep_in_an_object() {
    let mut deep = b"[".repeat(100_000);
    deep.extend(std::iter::repeat_n(b']', 100_000));
    let content = stream("", b"BT /F1 12 Tf 72 720 Td (x) Tj ET");
    let b = one_page_pdf(content, HELVETICA, &[deep]);
    assert_refused("nested-object.pdf", &b, "nesting depth");
    // And as a dictionary value inside the page itself.
    let mut page = b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Junk ".to_vec();
    page.extend(b"<< /A ".repeat(100_000));
    page.extend(b">> ".repeat(100_000));
    page.extend_from_slice(b">>");
    let b = pdf(&[CATALOG.to_vec(), PAGES.to_vec(), page, stream("", b"BT ET")]);
    assert_refused("nested-dict.pdf", &b, "nesting depth");
}

#[test]
fn page_tree_kid_points_to_its_parent() {
    let kid = b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>";
    let b = pdf(&[
        CATALOG.to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        kid.to_vec(),
    ]);
    assert_refused("page-tree-cycle.pdf", &b, "cycle in page tree");
}

#[test]
fn indirect_reference_cycle() {
    // /Contents and /Resources are references that point at each other forever.
    let page = b"<< /Type /Page /Parent 2 0 R /MediaBox 6 0 R /Resources 7 0 R /Contents 6 0 R >>";
    let b = pdf(&[
        CATALOG.to_vec(),
        PAGES.to_vec(),
        page.to_vec(),
        b"null".to_vec(),
        b"null".to_vec(),
        b"7 0 R".to_vec(),
        b"6 0 R".to_vec(),
    ]);
    assert_refused("reference-cycle.pdf", &b, "no recognisable ratings");
}

fn encrypted(user_password: &str) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(&fixture("pdf/lancashire-yot-2019.pdf")).unwrap();
    let version = lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner secret",
        user_password,
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    };
    let state = lopdf::EncryptionState::try_from(version).unwrap();
    doc.encrypt(&state).unwrap();
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn encrypted_pdf_with_a_user_password_is_refused() {
    let b = encrypted("user secret");
    assert!(lopdf::Document::load_mem(&b).is_ok_and(|d| d.trailer.has(b"Encrypt")));
    assert_refused("encrypted.pdf", &b, "encrypted");
}

#[test]
fn encrypted_pdf_with_an_empty_user_password_is_read() {
    let plain = assert_read("plain.pdf", &fixture("pdf/lancashire-yot-2019.pdf"));
    let enc = assert_read("owner-only.pdf", &encrypted(""));
    assert_eq!(plain, enc);
    assert_eq!(enc["errors"], 1, "{enc}");
}

#[test]
fn utf16_text_reads_as_utf8() {
    let utf8 = fixture("text/lancashire-yot-2019.txt");
    let text = String::from_utf8(utf8.clone()).unwrap();
    let want = assert_read("utf8.txt", &utf8);
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    assert_eq!(assert_read("utf16le.txt", &le), want);
    assert_eq!(assert_read("utf16be.txt", &be), want);
    let mut bom8 = vec![0xEF, 0xBB, 0xBF];
    bom8.extend_from_slice(&utf8);
    assert_eq!(assert_read("utf8bom.txt", &bom8), want);
}

#[test]
fn nul_bytes() {
    assert_refused("nul.txt", &vec![0u8; 1 << 20], "no recognisable ratings");
    // NULs sprinkled through a real report are dropped by the normaliser.
    let text = fixture("text/lancashire-yot-2019.txt");
    let want = assert_read("report.txt", &text);
    let mut with_nuls = Vec::new();
    for (i, b) in text.iter().enumerate() {
        with_nuls.push(*b);
        if i % 97 == 0 && b.is_ascii_alphabetic() {
            with_nuls.push(0);
        }
    }
    let got = assert_read("report-nul.txt", &with_nuls);
    assert_eq!(got["errors"], want["errors"]);
    assert_eq!(got["framework"], want["framework"]);
}

#[test]
fn one_ten_megabyte_line() {
    assert_refused("line.txt", &vec![b'a'; 10 << 20], "no recognisable ratings");
    let words = b"Standard 2.1 Good 61% Requires improvement \t".repeat(240_000);
    assert_refused("words.txt", &words, "no recognisable ratings");
}

#[test]
fn only_whitespace() {
    let mut ws = Vec::new();
    while ws.len() < 10 << 20 {
        ws.extend_from_slice(b" \t  \t\t   \xC2\xA0 ");
        ws.extend_from_slice(&[b' '; 60]);
        ws.push(b'\n');
    }
    assert_refused("whitespace.txt", &ws, "no recognisable ratings");
    // 10 MB of newlines is ten million lines: refused by the line limit, not parsed.
    assert_refused(
        "newlines.txt",
        &vec![b'\n'; 10 << 20],
        "lines, over the limit",
    );
}

#[test]
fn batch_continues_past_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("a-good.txt");
    let bad = dir.path().join("b-bad.pdf");
    let good2 = dir.path().join("c-good.txt");
    std::fs::write(&good, fixture("text/lancashire-yot-2019.txt")).unwrap();
    std::fs::write(
        &bad,
        one_page_pdf(stream(" /Filter /FlateDecode", bomb()), HELVETICA, &[]),
    )
    .unwrap();
    std::fs::write(&good2, fixture("text/leeds-yjs-2019.txt")).unwrap();
    let o = run_hmip(&["check", "--format", "json"], &[&good, &bad, &good2]);
    assert_bounded("batch", &o);
    assert_eq!(o.code, Some(2), "{o:?}");
    let lines: Vec<serde_json::Value> = o
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{}", o.stdout);
    assert_eq!(lines[0]["errors"], 1);
    assert!(lines[1]["error"]
        .as_str()
        .is_some_and(|e| e.contains("limit")));
    assert_eq!(
        lines[2]["errors"], 2,
        "Leeds: standard-name and prose-figure"
    );
    let err: Vec<&str> = o.stderr.lines().collect();
    assert_eq!(err.len(), 1, "{}", o.stderr);
    assert!(
        err[0].starts_with(&format!("hmip: {}: ", bad.display())),
        "{}",
        o.stderr
    );
}

#[test]
fn over_the_input_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.txt");
    std::fs::write(&p, vec![b'x'; 4096]).unwrap();
    let o = run_hmip(&["check", "--max-input-bytes", "1000"], &[&p]);
    assert_eq!(o.code, Some(2));
    assert_eq!(o.stderr.lines().count(), 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("over the limit of 1000 bytes"),
        "{}",
        o.stderr
    );
}

#[test]
fn more_pages_than_the_page_limit() {
    // 2,001 tiny pages (the limit is 2,000): refused before any page is interpreted.
    let n = 2_001;
    let kids: String = (0..n).map(|i| format!("{} 0 R ", 5 + i)).collect();
    let mut objs = vec![
        CATALOG.to_vec(),
        format!("<< /Type /Pages /Kids [{kids}] /Count {n} >>").into_bytes(),
        b"null".to_vec(),
        stream("", b"BT ET"),
    ];
    for _ in 0..n {
        objs.push(b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>".to_vec());
    }
    assert_refused("many-pages.pdf", &pdf(&objs), "limit on pages (2000)");
}
