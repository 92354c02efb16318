//! Tests of claim extraction: attribution wherever it stands ("selon X", "X said",
//! "…, a déclaré X", "a-t-il déclaré", a quotation and its speaker), anonymous and
//! document sources, and speech that is not a claim. Sentences written for them, in
//! both languages.

use super::tests::{claim_sources, facts};
use super::*;

fn sources(lang: Lang, text: &str) -> Vec<String> {
    claim_sources(&facts(lang, "2025-02-01", text))
}

#[test]
fn according_to_names_the_source_after_it() {
    let s = sources(
        Lang::En,
        "According to the M23, ten soldiers were killed near Goma.",
    );
    assert_eq!(s, ["M23"]);
    let s = sources(
        Lang::Fr,
        "D'après des témoins, dix civils ont été tués près de Kidal.",
    );
    assert_eq!(s, ["témoins"]);
    let s = sources(
        Lang::Fr,
        "Dix soldats ont été tués près de Kidal, selon des sources médicales.",
    );
    assert_eq!(s, ["sources médicales"]);
}

#[test]
fn reporting_verb_subject_before_or_speaker_after() {
    let s = sources(Lang::En, "The M23 said ten soldiers were killed near Goma.");
    assert_eq!(s, ["M23"]);
    let s = sources(
        Lang::Fr,
        "Dix civils ont été tués près de Kidal, a déclaré le colonel Assimi Goïta.",
    );
    assert_eq!(s, ["Assimi Goïta"]);
    // English inverts after a comma too when the speaker stands alone after the verb.
    let s = sources(
        Lang::En,
        "Ten soldiers were killed near Goma, said Corneille Nangaa, the leader of the M23.",
    );
    assert_eq!(s, ["Corneille Nangaa"]);
}

#[test]
fn an_aside_between_the_subject_and_its_verb_is_skipped() {
    let s = sources(
        Lang::En,
        "Corneille Nangaa, the leader of the M23, said the town had fallen.",
    );
    assert_eq!(s, ["Corneille Nangaa"]);
    let s = sources(
        Lang::En,
        "The Houthis, who control most of Yemen, say they are acting in solidarity.",
    );
    assert_eq!(s, ["Houthis"]);
    // "cité par l'AFP": the agency only quotes; "que" opens what is reported.
    let s = sources(
        Lang::Fr,
        "Assimi Goïta, cité par l'AFP, a affirmé que dix soldats avaient été tués.",
    );
    assert_eq!(s, ["Assimi Goïta"]);
    // An aside that is itself a name is the subject.
    let s = sources(
        Lang::En,
        "The envoy of the M23, Corneille Nangaa, tweeted that the town had fallen.",
    );
    assert_eq!(s, ["Corneille Nangaa"]);
}

#[test]
fn quoted_by_gives_the_claim_to_the_speaker_not_the_agency() {
    let s = sources(
        Lang::En,
        "Ten people were killed, Corneille Nangaa was quoted by Reuters as saying.",
    );
    assert_eq!(s, ["Corneille Nangaa"]);
    let s = sources(
        Lang::Fr,
        "Dix soldats ont été tués, selon un responsable local cité par l'AFP.",
    );
    assert_eq!(s, ["responsable local"]);
}

#[test]
fn inverted_pronoun_goes_to_its_antecedent() {
    let s = sources(
        Lang::Fr,
        "Assimi Goïta s'est exprimé dimanche à Bamako. « Nous avons repris Kidal et nous la garderons », a-t-il déclaré.",
    );
    assert_eq!(s, ["Assimi Goïta"]);
    let s = sources(
        Lang::Fr,
        "Assimi Goïta s'est exprimé dimanche à Bamako. Dix civils ont été tués près de Kidal, précise-t-il.",
    );
    assert_eq!(s, ["Assimi Goïta"]);
    let s = sources(
        Lang::En,
        "Corneille Nangaa spoke in Goma on Sunday. \"We took the town and we will keep it,\" said he.",
    );
    assert_eq!(s, ["Corneille Nangaa"]);
    let s = sources(
        Lang::En,
        "Corneille Nangaa spoke in Goma on Sunday. \"We took the town and we will keep it,\" he said.",
    );
    assert_eq!(s, ["Corneille Nangaa"]);
}

#[test]
fn quotation_with_its_speaker_before_or_after() {
    let s = sources(
        Lang::En,
        "\"We took the town of Goma and we will keep it,\" Corneille Nangaa said.",
    );
    assert_eq!(s, ["Corneille Nangaa"]);
    let s = sources(
        Lang::En,
        "Corneille Nangaa said: \"We took the town of Goma and we will keep it.\"",
    );
    assert_eq!(s, ["Corneille Nangaa"]);
    let s = sources(
        Lang::Fr,
        "« Nous avons repris Kidal », a déclaré Assimi Goïta.",
    );
    assert_eq!(s, ["Assimi Goïta"]);
}

#[test]
fn quotation_after_a_sentence_naming_its_speaker() {
    let s = sources(
        Lang::Fr,
        "Assimi Goïta s'est exprimé dimanche à Bamako.\n\n« Nous avons repris Kidal et nous la garderons. »",
    );
    assert_eq!(s, ["Assimi Goïta"]);
    let s = sources(
        Lang::En,
        "Corneille Nangaa spoke to the crowd in Goma on Sunday.\n\n\"We took the town and we will never leave it.\"",
    );
    assert_eq!(s, ["Corneille Nangaa"]);
    // A quotation after a claim of the same speaker continues that statement.
    let s = sources(
        Lang::En,
        "\"We took the town,\" Corneille Nangaa said. \"We will never leave it, whatever happens next.\"",
    );
    assert_eq!(s, ["Corneille Nangaa"]);
}

#[test]
fn the_police_unnamed_are_a_described_source_not_the_actor_after_them() {
    for (lang, text) in [
        (
            Lang::Fr,
            "Selon la police, des hommes armés ont attaqué un village près de Kaduna.",
        ),
        (
            Lang::En,
            "According to police, gunmen attacked a village near Kaduna.",
        ),
    ] {
        let s = sources(lang, text);
        assert_eq!(s.len(), 1, "{s:?}");
        assert!(s[0].to_lowercase().contains("police"), "{s:?}");
    }
}

#[test]
fn anonymous_sources_are_described() {
    let s = sources(
        Lang::En,
        "Fighting continued in Goma on Sunday, a security source said.",
    );
    assert_eq!(s, ["a security source"]);
    let s = sources(
        Lang::En,
        "Two military commanders said ten soldiers were killed near Goma.",
    );
    assert_eq!(s, ["military commanders"]);
    let s = sources(
        Lang::Fr,
        "Une source sécuritaire a indiqué que dix soldats avaient été tués près de Kidal.",
    );
    assert_eq!(s, ["source sécuritaire"]);
    let s = sources(
        Lang::Fr,
        "Les habitants affirment que dix soldats ont été tués près de Kidal.",
    );
    assert_eq!(s, ["habitants"]);
    // The actor in its complement does not replace the anonymous source.
    let s = sources(
        Lang::Fr,
        "Un officier de l'armée malienne a déclaré que dix soldats avaient été tués.",
    );
    assert_eq!(s, ["officier de l'armée malienne"]);
}

#[test]
fn documents_speak_for_their_issuer() {
    let s = sources(
        Lang::Fr,
        "Selon un communiqué de l'armée malienne, dix terroristes ont été neutralisés près de Kidal.",
    );
    assert_eq!(s, ["Forces armées maliennes"]);
    let s = sources(Lang::En, "In a statement, the M23 said it had taken Goma.");
    assert_eq!(s, ["M23"]);
    let s = sources(
        Lang::Fr,
        "Dans un communiqué, le CSP a annoncé la prise de Kidal.",
    );
    assert_eq!(s, ["CSP-DPA"]);
}

#[test]
fn hypothetical_and_false_reporting_words_make_no_claim() {
    let s = sources(
        Lang::En,
        "If the M23 said it would withdraw, the talks would resume.",
    );
    assert!(s.is_empty(), "{s:?}");
    let s = sources(
        Lang::Fr,
        "Si le CSP déclare la guerre, l'armée malienne répondra.",
    );
    assert!(s.is_empty(), "{s:?}");
    let s = sources(
        Lang::En,
        "The so-called M23 government took Goma on Sunday.",
    );
    assert!(s.is_empty(), "{s:?}");
}

#[test]
fn one_claim_per_source_and_statement() {
    let s = sources(
        Lang::En,
        "The M23 said in a statement that it had taken Goma, adding that its fighters were safe.",
    );
    assert_eq!(s, ["M23"]);
}

#[test]
fn passive_and_impersonal_reports_name_their_source_after() {
    let s = sources(
        Lang::Fr,
        "L'attaque avait été revendiquée par le JNIM dans un communiqué.",
    );
    assert_eq!(s, ["Groupe de soutien à l'islam et aux musulmans"]);
    let s = sources(Lang::En, "This was revealed by Corneille Nangaa in Goma.");
    assert_eq!(s, ["Corneille Nangaa"]);
    let s = sources(
        Lang::Fr,
        "Neuf civils ont été tués mardi, a-t-on appris mercredi de sources locales.",
    );
    assert_eq!(s, ["sources locales"]);
}

#[test]
fn a_document_noun_does_not_swallow_the_speaker() {
    // "communiqué" after the inverted speaker is the noun, not the verb "a … communiqué".
    let s = sources(
        Lang::Fr,
        "Boko Haram a tué dix militaires, a annoncé la présidence tchadienne dans un communiqué.",
    );
    assert_eq!(s, ["Présidence tchadienne"]);
    let s = sources(
        Lang::Fr,
        "L'armée malienne a par ailleurs communiqué sur un atterrissage d'urgence à Kidal.",
    );
    assert_eq!(s, ["Forces armées maliennes"]);
}

#[test]
fn a_partitive_source_keeps_its_determiner() {
    let s = sources(
        Lang::En,
        "One of the officers said six soldiers were lost in the attack on the base.",
    );
    assert_eq!(s, ["One of the officers"]);
}

#[test]
fn negated_reporting_verbs_make_no_claim() {
    let s = sources(
        Lang::En,
        "The M23 have not acknowledged any casualties among their leaders.",
    );
    assert!(s.is_empty(), "{s:?}");
    let s = sources(
        Lang::En,
        "The M23 denied that its fighters had entered Goma.",
    );
    assert_eq!(s, ["M23"]);
    let s = sources(Lang::Fr, "Le CSP n'a jamais confirmé la perte de Kidal.");
    assert!(s.is_empty(), "{s:?}");
}

#[test]
fn the_same_source_is_the_previous_one() {
    let f = facts(
        Lang::En,
        "2025-02-01",
        "Fighting resumed near Goma, the Zorvan Independence Army said. Ten of its fighters died, according to the same source.",
    );
    assert_eq!(
        claim_sources(&f),
        ["Zorvan Independence Army", "Zorvan Independence Army"]
    );
    let f = facts(
        Lang::Fr,
        "2025-02-01",
        "Le groupe a quitté le pays, selon des sources diplomatiques et sécuritaires. Les combats ont repris, selon la même source.",
    );
    assert_eq!(
        claim_sources(&f),
        [
            "sources diplomatiques et sécuritaires",
            "sources diplomatiques et sécuritaires"
        ]
    );
}

#[test]
fn a_title_alone_is_the_person_named_with_it_before() {
    let f = facts(
        Lang::Fr,
        "2025-02-01",
        "Le porte-parole du gouvernement, Wilfried Houngbédji, a précisé que 54 soldats étaient morts. Le porte-parole du gouvernement a mis en garde contre les assaillants.",
    );
    assert_eq!(
        claim_sources(&f),
        ["Wilfried Houngbédji", "Wilfried Houngbédji"]
    );
    let f = facts(
        Lang::En,
        "2025-02-01",
        "The army spokesman, Colonel Getnet Adane, said ten rebels died. The spokesman added that the town was calm.",
    );
    assert_eq!(claim_sources(&f), ["Getnet Adane", "Getnet Adane"]);
}
