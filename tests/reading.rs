//! Reading transcripts as people really write and save them, through the `pullquote` binary: every
//! file of the corpus in tests/transcripts/ against its golden outline, quotes credited with full
//! names and roles, standard input, forced encodings, and one-line errors for unreadable files.
//!
//! Goldens (`<file>.golden`) are rewritten only with `PULLQUOTE_BLESS=1`, and a run that rewrites
//! any fails, so a changed reading is always looked at before it is committed.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts")
}

fn corpus() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e != "golden"))
        .collect();
    files.sort();
    files
}

fn pullquote(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pullquote"))
        .args(args)
        .output()
        .expect("pullquote runs")
}

fn pullquote_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pullquote"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pullquote runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn corpus_reads_as_its_goldens() {
    let files = corpus();
    assert!(files.len() >= 25, "the corpus has {} transcripts", files.len());
    let bless = std::env::var_os("PULLQUOTE_BLESS").is_some_and(|v| v != "0");
    let mut failures = Vec::new();
    let mut rewritten = Vec::new();
    for file in &files {
        let out = pullquote(&["read", file.to_str().unwrap()]);
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        assert!(out.status.success(), "{name}: {}", text(&out.stderr));
        let actual = text(&out.stdout);
        let golden_path = file.with_file_name(format!("{name}.golden"));
        let expected = std::fs::read_to_string(&golden_path).unwrap_or_default();
        if actual == expected {
            continue;
        }
        if bless {
            std::fs::write(&golden_path, &actual).unwrap();
            rewritten.push(name);
            continue;
        }
        let first_difference = actual
            .lines()
            .zip(expected.lines().chain(std::iter::repeat("<end of golden>")))
            .enumerate()
            .find(|(_, (a, e))| a != e)
            .map(|(i, (a, e))| format!("line {}:\n  expected: {e}\n  actual:   {a}", i + 1))
            .unwrap_or_else(|| "the golden has more lines".into());
        failures.push(format!("{name}: {first_difference}"));
    }
    assert!(
        rewritten.is_empty(),
        "rewrote {} golden file(s): {}; review them and run again without PULLQUOTE_BLESS",
        rewritten.len(),
        rewritten.join(", ")
    );
    assert!(
        failures.is_empty(),
        "{} transcript(s) read differently from their goldens (PULLQUOTE_BLESS=1 rewrites them):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// What each corpus file states about its interviewees: full name and role (None where the file
/// gives no role). Written by hand from the files, not from the reader's output.
/// A person a file names: full name, and role if the file gives one.
type Stated = (&'static str, Option<&'static str>);

const STATED: &[(&str, &[Stated])] = &[
    (
        // A passive intro, a current role stated in an answer after a past one, a second role
        // after "and one of the", "&" inside an organisation, an honorific kept with the name.
        "en-roles-in-answers.md",
        &[
            ("Dr. Amara Okafor", Some("led the night clinic")),
            ("Rui Costa", Some("Patient Experience Manager")),
            (
                "Lena Brandt",
                Some("owner and one of the founding members of the Riverside Repair Café"),
            ),
        ],
    ),
    (
        // « ancienne …, aujourd’hui … depuis 2019 »: the current role, without its tenure;
        // « en tant que … » in an answer, after « j’ai commencé comme … ».
        "fr-roles-en-tant-que.md",
        &[
            ("Claire Vasseur", Some("directrice de la médiathèque Jean-Macé")),
            ("Karim Benali", Some("responsable de la médiation numérique")),
        ],
    ),
    (
        "en-podcast-host-break.md",
        &[("Tomasz Wierzba", Some("head of operations"))],
    ),
    (
        "en-spotlight-self-intro.md",
        &[("Rosalind Achebe", Some("data librarian"))],
    ),
    (
        "fr-signature-entretien.md",
        &[("Hélène Castanier", Some("cheffe de projet randonnée"))],
    ),
    (
        "en-name-sections.md",
        &[
            ("Martha Quigley", None),
            ("Daniel Osei", None),
            ("Ruth Abernathy", None),
        ],
    ),
    (
        "en-answer-labels-moderated.md",
        &[("Imogen Hart", Some("Accessibility Lead"))],
    ),
    (
        "fr-tirets-de-dialogue.txt",
        &[(
            "Sophie Marchand",
            Some("cheffe du service communication de la métropole de Nantes"),
        )],
    ),
    (
        "en-kicker-and-first-name-labels.txt",
        &[("Dana Whitfield", Some("Chief Executive"))],
    ),
    (
        "en-quoted-headline.txt",
        &[
            ("Dr. Priya Natarajan", Some("director")),
            ("Tom O'Hara", Some("youth services coordinator")),
        ],
    ),
    (
        "fr-full-name-then-initials-journaliste.txt",
        &[("Marie-Claire Dupont-Léger", Some("maire"))],
    ),
    (
        "occitanie-social-media-interview.txt",
        &[
            (
                "Aziz Oulhiyane",
                Some("responsable de l’animation des réseaux sociaux"),
            ),
            ("Ludovic Amar", Some("responsable stratégie média digitale")),
        ],
    ),
    (
        "fr-initiales-espace-insecable.txt",
        &[
            ("Hélène Barthès", Some("directrice de la médiathèque de Figeac")),
            ("Jean-Marc Le Bris", Some("bibliothécaire jeunesse")),
        ],
    ),
    (
        "en-full-name-then-initials.md",
        &[("Melody Kramer", Some("audience researcher"))],
    ),
    (
        "fr-prenoms.txt",
        &[
            ("Agnès Delmas", Some("maraîchère à Moissac")),
            ("Charlotte Vidal", Some("cheffe du restaurant La Table du Tarn")),
        ],
    ),
    (
        "fr-labels-gras.md",
        &[
            (
                "Nadia Benali",
                Some("directrice de la communication de la ville de Montauban"),
            ),
            ("Pierre-Yves Castagné", Some("responsable du pôle numérique")),
        ],
    ),
    ("en-q-a-labels.txt", &[("Priya Raman", Some("head of digital"))]),
    (
        "fr-question-reponse.txt",
        &[("Mathilde Rouquette", Some("conservatrice du musée Champollion"))],
    ),
    (
        "fr-questions-numerotees.txt",
        &[("Louis Fabre", Some("apiculteur à Cordes-sur-Ciel"))],
    ),
    (
        "en-q1-first-names.txt",
        &[("Rosa Whitfield", None), ("Dev Malhotra", None)],
    ),
    ("en-unlabelled-single.txt", &[("Sam Okafor", None)]),
    (
        "fr-windows-1252-crlf.txt",
        &[("Sylvie Marty", Some("sage-femme libérale à Rodez"))],
    ),
    ("en-quoted-answers.txt", &[("Vic Ashdown", None)]),
    (
        "fr-exergue-credit.txt",
        &[
            (
                "Fatou Diallo",
                Some("présidente de l’association Lire à Bagatelle"),
            ),
            ("Rémi Carrère", Some("éducateur spécialisé")),
        ],
    ),
    (
        "en-blockquote-reworded.md",
        &[
            ("Hannah Lindqvist", Some("social media lead")),
            ("Oscar Bell", Some("photographer")),
        ],
    ),
    ("fr-notes-redaction.txt", &[("Bernard Cazals", Some("maire"))]),
    (
        "en-two-interviewees-and.txt",
        &[
            ("Maria Lopez", Some("head of digital")),
            ("Tom Becker", Some("press officer")),
        ],
    ),
    (
        "fr-front-matter.txt",
        &[
            (
                "Claire Montels",
                Some("contrôleuse sur l’Intercités de nuit Paris–Rodez"),
            ),
            ("Paulo Ferreira", None),
        ],
    ),
    (
        "en-transcription-tool.txt",
        &[
            ("Gwen Price", Some("producer of The Valley Hour")),
            ("Elis Morgan", None),
        ],
    ),
    ("en-webvtt-voices.vtt", &[("Joanna Kowalski", None)]),
    ("fr-webvtt-voix.vtt", &[("Marion Esquirol", None)]),
    ("en-srt-names.srt", &[("Alan Trevaskis", None)]),
    ("fr-srt-journaliste.srt", &[("Odile Bergougnoux", None)]),
    ("en-utf16le-bom.txt", &[("Kenji Watanabe", Some("head chef"))]),
    (
        "fr-utf8-bom-invisibles.txt",
        &[(
            "Élodie Saint-Martin",
            Some("cheffe du service des archives départementales du Lot"),
        )],
    ),
    (
        "fr-etiquettes-ambigues.txt",
        &[
            ("Anne Roussel", Some("adjointe à la culture")),
            ("Alain Rey", Some("directeur du conservatoire")),
            ("Sophie Vernhes", Some("professeure de violon")),
            // `XY` is named nowhere: the reader reports it and credits the label as written.
            ("XY", None),
        ],
    ),
    (
        "en-timestamps.txt",
        &[
            ("Ruth Adeyemi", Some("chair of the allotment society")),
            ("Colin Marsh", Some("its longest-serving member")),
        ],
    ),
    (
        "fr-deux-invites-sans-etiquette.txt",
        &[
            (
                "Karim Haddad",
                Some("fondateur de la recyclerie Le Bon Coin du Quercy"),
            ),
            ("Julie Teulières", Some("sa première salariée")),
        ],
    ),
    (
        "en-italic-questions.md",
        &[(
            "Ines Carvalho",
            Some("runs the last independent cinema in Hastings"),
        )],
    ),
    ("en-all-caps-particles.txt", &[("Jean-Luc van der Berg", None)]),
    (
        "en-closing-thanks-names-interviewee.txt",
        &[("Maya Lindqvist", Some("founder"))],
    ),
    (
        "en-labels-on-their-own-line.txt",
        &[("Priya Raman", Some("artistic director"))],
    ),
    (
        "en-name-role-label-possessive.txt",
        &[("Ravi O'Neil", Some("head of customer experience"))],
    ),
    (
        "en-q-dot-a-dot-honorific.txt",
        &[("Dr. Alice Fenwick", Some("Chief nursing officer"))],
    ),
    (
        "en-respectively-two-guests.txt",
        &[
            ("Anne Martin", Some("head archivist")),
            ("Alex Moreau", Some("deputy director")),
        ],
    ),
    (
        "fr-maitre-question-reponse.txt",
        &[("Me Hélène de La Tour", Some("avocate au barreau de Lyon"))],
    ),
    (
        "fr-pr-et-nom-seul.txt",
        &[(
            "Pr Nadia Benali",
            Some("dirige le service de pneumologie du CHU de Brest"),
        )],
    ),
    (
        "fr-propos-recueillis-aupres.txt",
        &[(
            "Mme Sophie Garnier",
            Some("présidente de l’association Répare Café du Vieux-Port"),
        )],
    ),
    (
        "fr-respectivement.txt",
        &[
            (
                "Claire Dupuis",
                Some("directrice de la médiathèque de Saint-Rémy"),
            ),
            (
                "Marc-Antoine Lefèvre",
                Some("directeur adjoint de la médiathèque de Saint-Rémy"),
            ),
        ],
    ),
    (
        "fr-temoignage-sans-questions.md",
        &[(
            "Inès Vallat",
            Some("mécanicienne à l’atelier solidaire Roue Libre, à Tours"),
        )],
    ),
    ("fr-interviewer-nomme.txt", &[("Yannick Soulié", None)]),
    (
        "fr-docx-questions-en-gras.docx",
        &[
            (
                "Mireille Bousquet-Castan",
                Some("vice-présidente chargée des mobilités"),
            ),
            ("Thomas Auriol", Some("chef du service vélo de l’agglomération")),
        ],
    ),
    ("en-docx-table.docx", &[("Aoife Brennan", Some("harbour master"))]),
    (
        "en-hard-wrapped-email.txt",
        &[("Nell Gwynne-Hughes", Some("head of volunteering"))],
    ),
    (
        "fr-utf16be-bom-cr.txt",
        // "X et Y, fondateurs de …": the plural role is both people's, in the singular.
        &[
            (
                "Margaux Pélissier",
                Some("fondateur de la brasserie La Mousse Causse à Millau"),
            ),
            (
                "Théo Vaissière",
                Some("fondateur de la brasserie La Mousse Causse à Millau"),
            ),
        ],
    ),
];

#[test]
fn extract_credits_every_quote_with_the_stated_name_and_role() {
    let files = corpus();
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let stated = STATED
            .iter()
            .find(|(f, _)| *f == name)
            .unwrap_or_else(|| panic!("{name} has no entry in STATED"))
            .1;
        let out = pullquote(&["extract", "--json", "--max", "8", file.to_str().unwrap()]);
        assert!(out.status.success(), "{name}: {}", text(&out.stderr));
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        let quotes = json["quotes"].as_array().unwrap();
        assert!(!quotes.is_empty(), "{name}: no quote");
        for quote in quotes {
            let speaker = &quote["speaker"];
            let who = speaker["name"].as_str().unwrap();
            let (_, role) = stated
                .iter()
                .find(|(n, _)| *n == who)
                .unwrap_or_else(|| panic!("{name}: quote credited to `{who}`, who the file does not name"));
            assert_eq!(speaker["role"].as_str(), *role, "{name}: role of {who}");
        }
    }
}

#[test]
fn seed_editor_quote_is_credited_with_name_role_and_organisation() {
    let seed = corpus_dir().join("occitanie-social-media-interview.txt");
    let out = pullquote(&["extract", "--json", seed.to_str().unwrap()]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &json["quotes"][0];
    assert_eq!(first["kind"], "editor");
    assert_eq!(first["speaker"]["name"], "Aziz Oulhiyane");
    assert_eq!(
        first["speaker"]["role"],
        "responsable de l’animation des réseaux sociaux"
    );
    assert_eq!(first["speaker"]["organisation"], "Région Occitanie");
}

#[test]
fn front_matter_sets_metadata_and_photo() {
    let file = corpus_dir().join("fr-front-matter.txt");
    let out = pullquote(&["read", "--json", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["date"], "2025-02-14");
    assert_eq!(json["source"], "La Dépêche des Causses");
    assert_eq!(json["interviewer"], "Léa Sarrazin");
    let photo = json["speakers"][0]["photo"].as_str().unwrap();
    assert!(
        Path::new(photo).ends_with("tests/transcripts/photos/claire-montels.png"),
        "{photo}"
    );
    assert!(
        text(&out.stderr).is_empty(),
        "the photo exists: {}",
        text(&out.stderr)
    );
}

#[test]
fn standard_input_reads_like_the_file() {
    for name in [
        "occitanie-social-media-interview.txt",
        "en-webvtt-voices.vtt",
        "en-docx-table.docx",
        "fr-windows-1252-crlf.txt",
    ] {
        let file = corpus_dir().join(name);
        let from_file = pullquote(&["read", file.to_str().unwrap()]);
        let from_stdin = pullquote_stdin(&["read", "-"], &std::fs::read(&file).unwrap());
        assert!(
            from_stdin.status.success(),
            "{name}: {}",
            text(&from_stdin.stderr)
        );
        assert_eq!(text(&from_stdin.stdout), text(&from_file.stdout), "{name}");
    }
}

#[test]
fn forced_encoding_overrides_detection() {
    let file = corpus_dir().join("fr-windows-1252-crlf.txt");
    let forced = pullquote(&["read", "--encoding", "latin1", file.to_str().unwrap()]);
    assert!(forced.status.success());
    assert!(text(&forced.stdout).contains("Qu’est-ce qui a changé"));
    let wrong = pullquote(&["read", "--encoding", "utf-8", file.to_str().unwrap()]);
    assert_eq!(wrong.status.code(), Some(2));
    let stderr = text(&wrong.stderr);
    assert!(stderr.contains("invalid UTF-8"), "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");
    let unknown = pullquote(&["read", "--encoding", "klingon", file.to_str().unwrap()]);
    assert_eq!(unknown.status.code(), Some(2));
}

/// Writes `bytes` to a temporary file named `name` and reads it; returns the exit code and stderr.
fn read_bad(name: &str, bytes: &[u8]) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = pullquote(&["extract", path.to_str().unwrap()]);
    assert!(out.stdout.is_empty(), "{name}: {}", text(&out.stdout));
    (out.status.code(), text(&out.stderr))
}

fn assert_one_line_error(name: &str, bytes: &[u8], expected: &str) {
    let (code, stderr) = read_bad(name, bytes);
    assert_eq!(code, Some(2), "{name}: {stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{name}: an error line and a hint line:\n{stderr}");
    assert!(lines[0].starts_with("error: "), "{stderr}");
    assert!(lines[0].contains(name), "{name} named in: {stderr}");
    assert!(lines[0].contains(expected), "`{expected}` in: {stderr}");
    assert!(lines[1].trim_start().starts_with("= hint: "), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn unreadable_files_fail_with_one_line_and_a_hint() {
    assert_one_line_error("empty.txt", b"", "expected the text of an interview");
    assert_one_line_error(
        "blank.txt",
        b"\xEF\xBB\xBF \r\n\r\n",
        "expected the text of an interview",
    );
    assert_one_line_error(
        "photo.txt",
        b"\x00\x01\x02\x03binary\x00\x00data\x00",
        "expected plain text, Markdown, Word .docx, WebVTT or SRT",
    );
    assert_one_line_error(
        "notes.txt",
        "Quelques notes sans question ni réponse.\nUne autre ligne.\n".as_bytes(),
        "no answer found",
    );
    assert_one_line_error(
        "broken.docx",
        b"PK\x03\x04\x14\x00\x00\x00garbage that is not a zip",
        "expected a .docx",
    );
    assert_one_line_error(
        "scan.pdf",
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n",
        "is a PDF document",
    );
    assert_one_line_error("old.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", "Word 97");
}

#[test]
fn a_zip_that_is_not_a_word_document_is_named_as_such() {
    let mut bytes = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
        zip.start_file("notes.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"AO: Oui.").unwrap();
        zip.finish().unwrap();
    }
    assert_one_line_error("archive.docx", &bytes, "zip archive without a Word document");
}

#[test]
fn invalid_front_matter_points_at_its_line() {
    let (code, stderr) = read_bad(
        "typo.txt",
        "---\ntitle: Essai\nspeakers:\n  AO:\n    name: Anne Roux\n    rol: maire\n---\nPourquoi ?\nAO : Parce que.\n"
            .as_bytes(),
    );
    assert_eq!(code, Some(2));
    assert!(stderr.contains("unknown field `rol`"), "{stderr}");
    assert!(stderr.contains("typo.txt:6:"), "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");
}

#[test]
fn missing_file_is_an_error_with_a_hint() {
    let out = pullquote(&["read", "no-such-interview.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("no-such-interview.txt"), "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");
}
