//! Quote selection on French interviews written for these tests (not real published texts, and
//! never part of the measured figures of docs/selection-eval.md): the seed's automatic picks,
//! and an interview built so that a thesis, an anecdote, a procedure and a passage that trails
//! off compete for the card.

use pullquote::select::{select, QuoteKind, SelectOptions};
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

/// Whether a pick is one an editor would not show while anything else is left.
fn flawed(text: &str) -> Option<&'static str> {
    let text = text.trim_end_matches(['»', '”', ' ']);
    if text.ends_with(['…', ',', ':', ';']) {
        return Some("trails off");
    }
    let lower = text.to_lowercase();
    if ["c’est là", "ça ", "cela ", "ils ", "elle ", "elles "]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return Some("opens on an anaphor");
    }
    if ["au niveau", "ensuite", "on suit"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return Some("procedural");
    }
    None
}

#[test]
fn seed_editor_quote_first_then_four_picks_an_editor_could_show() {
    let selection = select(&parse(SEED), &SelectOptions::default());
    assert_eq!(selection.quotes[0].kind, QuoteKind::Editor);
    let next: Vec<_> = selection.quotes[1..].iter().take(4).collect();
    assert_eq!(next.len(), 4);
    for quote in next {
        assert_eq!(quote.kind, QuoteKind::Auto);
        let verbatim = quote.verbatim.as_deref().unwrap_or(&quote.text);
        assert_eq!(flawed(verbatim), None, "{verbatim}");
        assert!(
            !quote.reasons.iter().any(|r| r.starts_with("held back")),
            "{:?}",
            quote.reasons
        );
    }
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
        let verbatim = quote.verbatim.as_deref().unwrap_or(&quote.text);
        assert_eq!(flawed(verbatim), None, "{verbatim}");
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
