//! In-article coreference: pronouns and descriptions resolved to their antecedent,
//! on sentences written for these tests, in both languages.

use super::tests::{facts, relations};
use super::*;

/// The names of the participants of the events of a type.
fn participants(f: &Facts, kind: EventKind) -> Vec<Vec<String>> {
    f.events
        .iter()
        .filter(|e| e.kind == kind)
        .map(|e| {
            e.participants
                .iter()
                .map(|p| f.actors[p.actor].name.clone())
                .collect()
        })
        .collect()
}

fn any_participant(f: &Facts, kind: EventKind, name: &str) -> bool {
    participants(f, kind)
        .iter()
        .any(|ps| ps.iter().any(|p| p.contains(name)))
}

#[test]
fn a_pronoun_after_an_adverbial_refers_to_the_previous_subject_in_english() {
    let f = facts(
        Lang::En,
        "2024-03-04",
        "Boko Haram fighters entered Kerawa on Monday. Two days later, they attacked an army base near the town.",
    );
    assert!(
        any_participant(&f, EventKind::Attack, "Boko Haram"),
        "{:?}",
        f.events
    );
}

#[test]
fn a_pronoun_after_an_adverbial_refers_to_the_previous_subject_in_french() {
    let f = facts(
        Lang::Fr,
        "2024-03-04",
        "Boko Haram est entré lundi dans Kerawa. Deux jours plus tard, ils ont attaqué une base militaire.",
    );
    assert!(
        any_participant(&f, EventKind::Attack, "Boko Haram"),
        "{:?}",
        f.events
    );
}

#[test]
fn a_pronoun_in_a_later_clause_refers_to_the_nearest_clause_subject() {
    // The subject of the reporting clause, not the object of the first clause.
    let f = facts(
        Lang::En,
        "2024-03-04",
        "The M23 rebels held Goma on Monday. The next day the group said it had attacked Sake.",
    );
    assert!(
        any_participant(&f, EventKind::Attack, "M23"),
        "{:?}",
        f.events
    );
    let f = facts(
        Lang::Fr,
        "2024-03-04",
        "Le M23 contrôle Goma depuis lundi. Mardi, le groupe a affirmé qu'il avait attaqué Sake.",
    );
    assert!(
        any_participant(&f, EventKind::Attack, "M23"),
        "{:?}",
        f.events
    );
}

#[test]
fn a_possessor_is_not_the_subject_a_pronoun_refers_to() {
    let f = facts(
        Lang::En,
        "2024-11-30",
        "Sudan's paramilitary Rapid Support Forces besieged Babanusa for weeks. On Monday it seized full control of the town.",
    );
    let capture = participants(&f, EventKind::Capture);
    assert!(
        capture
            .iter()
            .any(|ps| ps.iter().any(|p| p.contains("Rapid Support")))
            && capture.iter().all(|ps| !ps.iter().any(|p| p == "Sudan")),
        "{capture:?}"
    );
}

#[test]
fn a_person_pronoun_does_not_refer_to_a_group_nor_a_group_pronoun_to_a_person() {
    // "he" cannot be JNIM: the attack has no participant from the pronoun.
    let f = facts(
        Lang::En,
        "2024-03-04",
        "JNIM has besieged Djibo since January. He attacked the market on Monday.",
    );
    assert!(
        !any_participant(&f, EventKind::Attack, "JNIM")
            && !any_participant(&f, EventKind::Attack, "Groupe de soutien")
            && !any_participant(&f, EventKind::Attack, "Support Group"),
        "{:?}",
        f.events
    );
}

#[test]
fn an_expletive_pronoun_refers_to_nothing() {
    let f = facts(
        Lang::Fr,
        "2024-03-04",
        "Le JNIM assiège Djibo depuis janvier. Il y a eu une attaque lundi contre le marché.",
    );
    assert!(
        participants(&f, EventKind::Attack)
            .iter()
            .all(|ps| ps.is_empty()),
        "{:?}",
        f.events
    );
}

#[test]
fn a_later_pronoun_in_a_clause_whose_subject_is_no_actor_is_left_alone() {
    let f = facts(
        Lang::Fr,
        "2024-03-04",
        "Le M23 a pris Goma lundi. Les habitants ont quitté la ville alors qu'ils craignaient des attaques.",
    );
    assert!(
        participants(&f, EventKind::Attack)
            .iter()
            .all(|ps| !ps.iter().any(|p| p.contains("M23"))),
        "{:?}",
        f.events
    );
}

#[test]
fn a_pronoun_carries_relations_in_both_languages() {
    let f = facts(
        Lang::En,
        "2024-01",
        "In Mali, the junta led by Colonel Assimi Goïta hardened its tone, and in January it broke ties with France.",
    );
    let rels = relations(&f);
    assert!(
        rels.iter()
            .any(|r| r.contains("junta brokeAllianceWith France")),
        "{rels:?}"
    );
}

#[test]
fn a_description_before_a_name_gives_it_a_trait_later_descriptions_resolve_to() {
    let f = facts(
        Lang::En,
        "2024-11-30",
        "The paramilitary Rapid Support Forces besieged Babanusa. On Monday the paramilitary force attacked the town.",
    );
    let rsf = f
        .actors
        .iter()
        .find(|a| a.name.contains("Rapid Support"))
        .expect("RSF found");
    assert!(
        rsf.mentions
            .iter()
            .any(|m| m.text.contains("the paramilitary force")),
        "{rsf:?}"
    );
    let f = facts(
        Lang::Fr,
        "2024-03-04",
        "Les jihadistes du JNIM assiègent Djibo. Lundi, les jihadistes ont attaqué le marché.",
    );
    assert!(
        f.actors
            .iter()
            .filter(|a| a.mentions.iter().any(|m| m.text == "jihadistes"))
            .count()
            == 1,
        "{:?}",
        f.actors
    );
}

#[test]
fn a_rival_in_apposition_opposes_the_owner_of_the_possessive() {
    let f = facts(
        Lang::En,
        "2024-12-01",
        "The Rapid Support Forces said on Monday that they had seized Babanusa, though their rival, the Sudanese army, disputed the claim.",
    );
    let rels = relations(&f);
    assert!(
        rels.iter()
            .any(|r| r.contains("Rapid Support Forces opposes") && r.contains("Sudan")),
        "{rels:?}"
    );
    let f = facts(
        Lang::Fr,
        "2024-12-01",
        "Boko Haram et son rival, l'État islamique en Afrique de l'Ouest, ont multiplié les attaques.",
    );
    let rels = relations(&f);
    assert!(
        rels.iter()
            .any(|r| r.starts_with("Boko Haram opposes") && r.contains("islamique")),
        "{rels:?}"
    );
}

#[test]
fn a_linking_adjective_does_not_qualify_a_description_into_a_new_group() {
    let f = facts(
        Lang::Fr,
        "2024-03-04",
        "Des djihadistes liés à Al-Qaïda ont attaqué un poste militaire près de Kidal.",
    );
    assert!(
        !f.actors.iter().any(|a| a.name.contains("liés")),
        "{:?}",
        f.actors
    );
}

#[test]
fn a_verb_after_a_plural_description_does_not_qualify_it() {
    let f = facts(
        Lang::Fr,
        "2024-03-04",
        "Les rebelles contrôlent la route. Les gangs armés pillent les quartiers.",
    );
    assert!(
        !f.actors
            .iter()
            .any(|a| a.name.contains("contrôlent") || a.name.contains("pillent")),
        "{:?}",
        f.actors
    );
    // A plural adjective still qualifies: "rebelles touaregs".
    let f = facts(
        Lang::Fr,
        "2024-03-04",
        "Des rebelles touaregs ont attaqué un camp près de Kidal.",
    );
    assert!(
        f.actors
            .iter()
            .any(|a| a.name.to_lowercase().contains("touaregs")),
        "{:?}",
        f.actors
    );
}

#[test]
fn the_police_resolve_to_a_police_force_never_to_the_army() {
    let f = facts(
        Lang::Fr,
        "2024-03-04",
        "La police nationale d'Haïti a lancé une opération à Solino. Mardi, les policiers ont pris le contrôle du quartier.",
    );
    let police = f
        .actors
        .iter()
        .find(|a| a.name.contains("Police nationale"))
        .expect("the police found");
    assert!(
        police.mentions.iter().any(|m| m.text == "policiers"),
        "{police:?}"
    );
    let f = facts(
        Lang::En,
        "2024-03-04",
        "The Cameroonian army launched an operation near Bamenda. The police arrested three men.",
    );
    assert!(
        f.actors.iter().all(|a| a.kind != ActorKind::StateArmedForce
            || !a.mentions.iter().any(|m| m.text.contains("police"))),
        "{:?}",
        f.actors
    );
}
