//! Quote selection on French interviews written for these tests (not real published texts, and
//! never part of the measured figures of docs/selection-eval.md): the seed's automatic picks,
//! and an interview built so that a thesis, an anecdote, a procedure and a passage that trails
//! off compete for the card.

use pullquote::select::{select, Quote, QuoteKind, SelectOptions};
use pullquote::transcript::parse;

const SEED: &str = include_str!("../examples/occitanie-social-media-interview.txt");

/// Written for this test: a librarian answers a background question, a why question, a
/// question about her days and one about a memory.
const LIBRARY: &str = "\
Entretien avec Camille Dufour, directrice de la médiathèque de Saint-Aubin, sur l’ouverture des bibliothèques le dimanche.
Présentez-vous, en quoi consiste votre métier ?
CD : Je suis directrice de la médiathèque depuis six ans, et je m’occupe de l’équipe et des animations.
Comment se passe une semaine à la médiathèque ?
CD : Au niveau de l’organisation, on suit le planning des animations établi avec la mairie en début d’année. Ensuite on prépare les accueils de classes le mardi et le jeudi, avec les enseignants.
Pourquoi est-ce si important d’ouvrir le dimanche ?
CD : Il y a les livres, les jeux, les concerts, les ateliers… C’est là où on voit passer toutes les générations. Une bibliothèque n’est pas un entrepôt de livres : c’est le dernier endroit où l’on peut entrer sans rien acheter. Quand on ouvre le dimanche, on ouvre aux familles qui travaillent toute la semaine.
Quel souvenir gardez-vous de la première ouverture ?
CD : Un jour, en 2019, un petit garçon est venu avec son grand-père et ils sont restés tout l’après-midi à la table des jeux.
";

/// Whether a pick, as the card shows it, is one an editor would not show while anything else
/// is left: it trails off, opens on a word or a connective that needs the sentence before, or
/// describes a procedure.
fn flawed(text: &str) -> Option<&'static str> {
    let text = text.trim_end_matches(['»', '”', ' ']);
    if text.ends_with(['…', ',', ':', ';']) && !text.ends_with("[…]") {
        return Some("trails off");
    }
    let lower = text.to_lowercase();
    if ["c’est là", "ça ", "cela ", "ils ", "elle ", "elles "]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return Some("opens on an anaphor");
    }
    if [
        "par contre",
        "en revanche",
        "pourtant",
        "mais ",
        "et ",
        "donc ",
        "du coup",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
    {
        return Some("opens on a connective that needs the sentence before");
    }
    if ["au niveau", "ensuite", "on suit"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return Some("procedural");
    }
    None
}

/// `verbatim` with `quote`'s cuts applied, as ranges of characters.
fn apply_cuts(quote: &Quote) -> String {
    let verbatim: Vec<char> = quote.verbatim.as_deref().unwrap_or(&quote.text).chars().collect();
    let mut out = String::new();
    let mut at = 0;
    for cut in &quote.cuts {
        out.extend(&verbatim[at..cut.start]);
        if !cut.replacement.is_empty() {
            // A bracketed capital joins the word it starts; `[…]` stands between words.
            if cut.replacement == "[…]" {
                out = out.trim_end().to_owned();
                out.push(' ');
                out.push_str("[…]");
                if cut.end < verbatim.len() {
                    out.push(' ');
                }
            } else {
                out.push_str(&cut.replacement);
            }
        }
        at = cut.end;
    }
    out.extend(&verbatim[at..]);
    out
}

/// The seed's first automatic picks, with the editor's « » line kept or removed.
fn seed_picks(with_mark: bool) -> Vec<Quote> {
    let text: String = SEED
        .lines()
        .filter(|l| with_mark || !l.starts_with('«'))
        .collect::<Vec<_>>()
        .join("\n");
    select(&parse(&text), &SelectOptions::default()).quotes
}

/// Every pick an editor could show: not flawed as the card shows it, not held back, and its
/// cuts made with the standard marks over the verbatim words, which stay available.
fn assert_showable(picks: &[&Quote]) {
    for quote in picks {
        assert_eq!(quote.kind, QuoteKind::Auto);
        assert_eq!(flawed(&quote.text), None, "{}", quote.text);
        assert!(
            !quote.reasons.iter().any(|r| r.starts_with("held back")),
            "{:?}",
            quote.reasons
        );
        if !quote.cuts.is_empty() {
            assert!(quote.verbatim.is_some(), "{}", quote.text);
            assert_eq!(apply_cuts(quote), quote.text);
        }
    }
}

#[test]
fn seed_editor_quote_first_then_four_picks_an_editor_could_show() {
    let quotes = seed_picks(true);
    assert_eq!(quotes[0].kind, QuoteKind::Editor);
    let next: Vec<&Quote> = quotes[1..].iter().take(4).collect();
    assert_eq!(next.len(), 4);
    assert_showable(&next);
    // The two theses of the first answer reach the cards once cut as an editor would: the
    // enumeration that trails off ends at its last clause, the clause pointing back is dropped.
    let texts: Vec<&str> = next.iter().map(|q| q.text.as_str()).collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("je ne cible pas une ville") && t.ends_with("propose […]")),
        "{texts:#?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("[P]our moi ça reste de la communication")),
        "{texts:#?}"
    );
    // A weak line and a past anecdote do not beat the theses.
    assert!(!texts.iter().any(|t| t.contains("Sur la guerre")), "{texts:#?}");
    assert!(
        !texts.iter().any(|t| t.contains("étudiant à Castres")),
        "{texts:#?}"
    );
}

#[test]
fn seed_without_the_editors_mark_still_finds_the_editors_sentence() {
    let quotes = seed_picks(false);
    assert!(quotes.iter().all(|q| q.kind == QuoteKind::Auto));
    let top3: Vec<&str> = quotes.iter().take(3).map(|q| q.text.as_str()).collect();
    assert!(
        top3.iter()
            .any(|q| q.contains("donner trop d’importance à notre travail")),
        "{top3:#?}"
    );
    let first: Vec<&Quote> = quotes.iter().take(5).collect();
    assert_eq!(first.len(), 5);
    assert_showable(&first);
}

#[test]
fn the_thesis_answering_the_why_question_leads() {
    let transcript = parse(LIBRARY);
    let selection = select(&transcript, &SelectOptions::default());
    let first = &selection.quotes[0];
    assert_eq!(first.speaker.name, "Camille Dufour");
    assert!(
        first.text.contains("sans rien acheter") || first.text.contains("toute la semaine"),
        "{:#?}",
        selection.quotes
    );
    assert!(
        first.reasons[0].starts_with("above quote 2"),
        "the first pick says why it beat the second: {:?}",
        first.reasons
    );
    // The interviewer is never quoted; nothing an editor would not show reaches the first three.
    for quote in selection.quotes.iter().take(3) {
        assert_eq!(quote.speaker.name, "Camille Dufour");
        assert!(!quote.text.contains('?'), "{}", quote.text);
        assert_eq!(flawed(&quote.text), None, "{}", quote.text);
    }
}

#[test]
fn passages_no_editor_would_show_come_last_and_say_why() {
    let selection = select(&parse(LIBRARY), &SelectOptions::default());
    let held: Vec<_> = selection
        .quotes
        .iter()
        .filter(|q| q.reasons.iter().any(|r| r.starts_with("held back")))
        .collect();
    let clean = selection.quotes.len() - held.len();
    for (i, quote) in selection.quotes.iter().enumerate() {
        let is_held = quote.reasons.iter().any(|r| r.starts_with("held back"));
        assert_eq!(
            is_held,
            i >= clean,
            "held-back picks come after the others: {:#?}",
            selection.quotes
        );
    }
    for quote in held {
        let verbatim = quote.verbatim.as_deref().unwrap_or(&quote.text);
        assert!(flawed(verbatim).is_some(), "{verbatim}: {:?}", quote.reasons);
    }
}
