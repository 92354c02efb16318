//! Tests of the general mechanisms (names by head noun, bracketed acronyms,
//! clause roles, the gazetteer's hierarchy, constraints), on sentences written
//! for them in both languages. The organisations named here are invented, so
//! only the mechanism can find them.

use super::tests::{actor_names, facts, relations};
use super::*;

/// The first event of `kind`, or a failure that lists the events found.
fn event_of(f: &Facts, kind: EventKind) -> &Event {
    f.events
        .iter()
        .find(|e| e.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} among {:?}", f.events))
}

fn kind_of(f: &Facts, name: &str) -> Option<ActorKind> {
    f.actors.iter().find(|a| a.name == name).map(|a| a.kind)
}

#[test]
fn organisation_named_by_its_head_noun() {
    let f = facts(
        Lang::En,
        "2025-02-01",
        "Fighters of the Zorvan Independence Army attacked a police post near Goma on Sunday.",
    );
    assert_eq!(
        kind_of(&f, "Zorvan Independence Army"),
        Some(ActorKind::ArmedGroup),
        "{:?}",
        actor_names(&f)
    );
    let f = facts(
        Lang::Fr,
        "2025-02-01",
        "Le Front patriotique Kelmarois a revendiqué l'attaque. Le Conseil Suprême de Transition a condamné l'attaque.",
    );
    assert_eq!(
        kind_of(&f, "Conseil Suprême de Transition"),
        Some(ActorKind::Government),
        "{:?}",
        actor_names(&f)
    );
}

#[test]
fn bracketed_acronym_names_the_actor_and_its_reuses() {
    let f = facts(
        Lang::En,
        "2025-02-01",
        "The Velmar Defence Front (VDF) said it had seized the town. The army denied that the VDF held it.",
    );
    let vdf = f
        .actors
        .iter()
        .find(|a| a.name == "Velmar Defence Front")
        .unwrap_or_else(|| panic!("{:?}", actor_names(&f)));
    assert!(vdf.mentions.iter().filter(|m| m.text == "VDF").count() >= 2);
    let f = facts(
        Lang::Fr,
        "2025-02-01",
        "L'Armée de libération du Zorvan (ALZ) a attaqué un camp militaire. Selon l'ALZ, douze soldats ont été tués.",
    );
    let alz = f
        .actors
        .iter()
        .find(|a| a.mentions.iter().any(|m| m.text == "ALZ"))
        .unwrap_or_else(|| panic!("{:?}", actor_names(&f)));
    assert_eq!(alz.kind, ActorKind::ArmedGroup);
    assert!(alz.name.starts_with("Armée de libération"), "{}", alz.name);
}

#[test]
fn battle_sides_from_subject_and_object() {
    let f = facts(
        Lang::En,
        "2025-02-01",
        "The Zorvan Independence Army clashed with the Nigerian army near Damboa on Monday.",
    );
    assert!(
        relations(&f)
            .iter()
            .any(|r| r.contains("Zorvan Independence Army") && r.contains(" opposes ")),
        "{:?}",
        relations(&f)
    );
    let f = facts(
        Lang::Fr,
        "2025-02-01",
        "Le Front patriotique du Kelmar s'est affronté avec l'armée malienne près de Gao.",
    );
    assert!(
        relations(&f).iter().any(|r| r.contains("opposes")),
        "{:?}",
        relations(&f)
    );
}

#[test]
fn passive_subject_is_the_target() {
    let f = facts(
        Lang::En,
        "2025-02-01",
        "Malian soldiers were attacked by the Zorvan Independence Army near Gao.",
    );
    let attack = event_of(&f, EventKind::Attack);
    let attacker = attack
        .participants
        .iter()
        .find(|p| p.role == Role::Attacker)
        .map(|p| f.actors[p.actor].name.as_str());
    assert_eq!(attacker, Some("Zorvan Independence Army"));
    let f = facts(
        Lang::Fr,
        "2025-02-01",
        "Des soldats maliens ont été attaqués par le Front patriotique du Kelmar près de Gao.",
    );
    let attack = event_of(&f, EventKind::Attack);
    assert!(attack
        .participants
        .iter()
        .any(|p| p.role == Role::Target && f.actors[p.actor].kind == ActorKind::StateArmedForce));
}

#[test]
fn places_inside_one_another_by_the_gazetteer() {
    let f = facts(
        Lang::Fr,
        "2025-02-01",
        "Des soldats ont été tués à Gao, au Mali, lors d'une attaque.",
    );
    assert!(
        relations(&f).contains(&"Gao locatedIn Mali".to_owned()),
        "{:?}",
        relations(&f)
    );
    let f = facts(
        Lang::En,
        "2025-02-01",
        "Gunmen attacked a market in Gao in Mali on Friday.",
    );
    assert!(
        relations(&f).contains(&"Gao locatedIn Mali".to_owned()),
        "{:?}",
        relations(&f)
    );
}

#[test]
fn a_settlement_qualified_by_a_demonym_lies_in_that_country() {
    for (lang, text, inner, outer) in [
        (
            Lang::En,
            "Rebels shelled the Colombian town of Tibú. Colombia sent troops.",
            "Tibú",
            "Colombia",
        ),
        (
            Lang::En,
            "Protests spread to Bogotá, the Colombian capital, as Colombia mourned.",
            "Bogotá",
            "Colombia",
        ),
        (
            Lang::Fr,
            "Des jihadistes ont attaqué la localité burkinabè de Djibo. Le Burkina Faso a riposté.",
            "Djibo",
            "Burkina Faso",
        ),
        (
            Lang::Fr,
            "La junte a réuni ses alliés à Niamey, la capitale nigérienne, et le Niger a fermé sa frontière.",
            "Niamey",
            "Niger",
        ),
    ] {
        let f = facts(lang, "2025-02-01", text);
        let expected = format!("{inner} locatedIn {outer}");
        assert!(has(&f, &expected), "{expected} not in {:?}", relations(&f));
    }
    // With a direction, still in the country: "the northern Ethiopian region of Amhara".
    let f = facts(
        Lang::En,
        "2025-02-01",
        "Ethiopia said fighting raged in the northern Ethiopian region of Amhara.",
    );
    assert!(
        relations(&f)
            .iter()
            .any(|r| r.starts_with("Amhara") && r.ends_with("locatedIn Ethiopia")),
        "{:?}",
        relations(&f)
    );
}

#[test]
fn a_sentence_opening_on_a_country_places_its_towns_in_it() {
    for (lang, text, inner, outer) in [
        (
            Lang::Fr,
            "Au Niger, des hommes armés ont attaqué le village de Zorvankoye.",
            "Zorvankoye",
            "Niger",
        ),
        (
            Lang::En,
            "In Nigeria, gunmen raided the village of Zorvanawa on Sunday.",
            "Zorvanawa",
            "Nigeria",
        ),
    ] {
        let f = facts(lang, "2025-02-01", text);
        let expected = format!("{inner} locatedIn {outer}");
        assert!(has(&f, &expected), "{expected} not in {:?}", relations(&f));
        let place = f.places.iter().find(|p| p.name == inner);
        assert!(place.is_some(), "{inner} not among {:?}", f.places);
    }
}

#[test]
fn a_part_of_a_country_puts_what_it_holds_in_the_country() {
    let f = facts(
        Lang::Fr,
        "2025-02-01",
        "L'armée a été déployée dans le Nord-Kivu, dans l'est de la République démocratique du Congo.",
    );
    assert!(
        has(&f, "Nord-Kivu locatedIn République démocratique du Congo"),
        "{:?}",
        relations(&f)
    );
}

#[test]
fn a_state_never_opposes_its_own_forces() {
    for (lang, text) in [
        (
            Lang::En,
            "Nigeria said the Nigerian army fought the Zorvan Independence Army in Borno.",
        ),
        (
            Lang::Fr,
            "Le Mali et l'armée malienne ont combattu le Front patriotique du Kelmar.",
        ),
    ] {
        let f = facts(lang, "2025-02-01", text);
        for r in relations(&f) {
            let own = [
                "Nigerian Army opposes Nigeria",
                "Nigeria opposes Nigerian Army",
                "Forces armées maliennes opposes Mali",
                "Mali opposes Forces armées maliennes",
                "Forces armées maliennes allyOf Mali",
                "Mali allyOf Forces armées maliennes",
            ];
            assert!(!own.contains(&r.as_str()), "{r}");
        }
    }
}

fn has(f: &Facts, relation: &str) -> bool {
    relations(f).iter().any(|r| r == relation)
}

fn symmetric(f: &Facts, a: &str, predicate: &str, b: &str) -> bool {
    let found = relations(f);
    found.contains(&format!("{a} {predicate} {b}"))
        || found.contains(&format!("{b} {predicate} {a}"))
}

#[test]
fn coordinated_ends_each_take_the_relation() {
    let f = facts(
        Lang::En,
        "2025-02-01",
        "The Zorvan Independence Army fought alongside the Nigerian army and the Malian army near Gao.",
    );
    assert!(
        symmetric(&f, "Zorvan Independence Army", "allyOf", "Nigerian Army")
            && symmetric(
                &f,
                "Zorvan Independence Army",
                "allyOf",
                "Malian Armed Forces"
            ),
        "{:?}",
        relations(&f)
    );
    let f = facts(
        Lang::Fr,
        "2025-02-01",
        "Le Front patriotique du Kelmar lutte contre l'armée malienne et l'armée nigérienne.",
    );
    assert!(
        relations(&f)
            .iter()
            .filter(|r| r.contains("opposes"))
            .count()
            >= 2,
        "{:?}",
        relations(&f)
    );
}

#[test]
fn both_ends_after_the_cue() {
    let f = facts(
        Lang::Fr,
        "2025-02-01",
        "Depuis 2017, un conflit oppose l'armée malienne au Front patriotique du Kelmar.",
    );
    assert!(
        symmetric(
            &f,
            "Forces armées maliennes",
            "opposes",
            "Front patriotique du Kelmar"
        ),
        "{:?}",
        relations(&f)
    );
    let f = facts(
        Lang::En,
        "2025-02-01",
        "The war between the Nigerian army and the Zorvan Independence Army has killed thousands.",
    );
    assert!(
        symmetric(&f, "Nigerian Army", "opposes", "Zorvan Independence Army"),
        "{:?}",
        relations(&f)
    );
}

#[test]
fn rivals_hyphenated_wars_and_modifiers() {
    let f = facts(
        Lang::En,
        "2025-02-01",
        "The Zorvan Independence Army and its rival, the Velmar Defence Front, met in Gao. The Iranian-backed Velmar Defence Front denied it.",
    );
    assert!(
        symmetric(
            &f,
            "Zorvan Independence Army",
            "opposes",
            "Velmar Defence Front"
        ),
        "{:?}",
        relations(&f)
    );
    assert!(
        has(&f, "Velmar Defence Front allyOf Iran") || has(&f, "Iran allyOf Velmar Defence Front"),
        "{:?}",
        relations(&f)
    );
    let f = facts(
        Lang::Fr,
        "2025-02-01",
        "La guerre Mali-Algérie a fait des morts. Le Front patriotique du Kelmar et son rival, le Conseil Suprême de Transition, ont signé.",
    );
    assert!(
        symmetric(&f, "Mali", "opposes", "Algérie"),
        "{:?}",
        relations(&f)
    );
    assert!(
        symmetric(
            &f,
            "Front patriotique du Kelmar",
            "opposes",
            "Conseil Suprême de Transition"
        ),
        "{:?}",
        relations(&f)
    );
}

#[test]
fn people_named_in_apposition_with_a_role_or_before_a_reporting_verb() {
    let f = facts(
        Lang::En,
        "2025-02-01",
        "Troops entered the town, Tomas Brevik, a senior official, told reporters. Anja Velkova said the army had left.",
    );
    assert_eq!(
        kind_of(&f, "Tomas Brevik"),
        Some(ActorKind::Person),
        "{:?}",
        actor_names(&f)
    );
    assert_eq!(
        kind_of(&f, "Anja Velkova"),
        Some(ActorKind::Person),
        "{:?}",
        actor_names(&f)
    );
    let f = facts(
        Lang::Fr,
        "2025-02-01",
        "Le porte-parole du gouvernement, Tomas Brevik, a confirmé l'attaque.",
    );
    assert_eq!(
        kind_of(&f, "Tomas Brevik"),
        Some(ActorKind::Person),
        "{:?}",
        actor_names(&f)
    );
}

#[test]
fn acronyms_written_as_words_and_names_after_a_lower_case_article() {
    let f = facts(
        Lang::Fr,
        "2025-02-01",
        "Le Jnim, lié à al-Qaïda, a revendiqué l'attaque.",
    );
    let names = actor_names(&f);
    assert!(
        f.actors
            .iter()
            .any(|a| a.mentions.iter().any(|m| m.text == "Jnim")),
        "{names:?}"
    );
    assert!(
        f.actors
            .iter()
            .any(|a| a.mentions.iter().any(|m| m.text.contains("al-Qaïda"))),
        "{names:?}"
    );
    let f = facts(
        Lang::En,
        "2025-02-01",
        "Nato said its forces were ready, while al-Shabaab fighters attacked a base.",
    );
    assert!(
        f.actors
            .iter()
            .any(|a| a.mentions.iter().any(|m| m.text == "Nato")),
        "{:?}",
        actor_names(&f)
    );
}

#[test]
fn a_capital_that_acts_is_its_government() {
    let f = facts(
        Lang::En,
        "2025-02-01",
        "Islamabad accused the Zorvan Independence Army of the attack.",
    );
    assert_eq!(
        kind_of(&f, "Pakistani government"),
        Some(ActorKind::Government),
        "{:?}",
        actor_names(&f)
    );
    let f = facts(
        Lang::Fr,
        "2025-02-01",
        "Moscou a démenti toute implication. Des soldats ont été tués à Bamako.",
    );
    assert!(
        f.actors
            .iter()
            .any(|a| a.kind == ActorKind::Government
                && a.mentions.iter().any(|m| m.text == "Moscou")),
        "{:?}",
        actor_names(&f)
    );
    // After a locative word a capital is a place.
    assert!(
        f.places.iter().any(|p| p.name == "Bamako"),
        "{:?}",
        f.places
    );
}

#[test]
fn a_former_holder_leads_nothing() {
    let f = facts(
        Lang::En,
        "2025-02-01",
        "Malian President Tomas Brevik met former Malian President Anja Velkova in Gao.",
    );
    let found = relations(&f);
    assert!(
        found.iter().any(|r| r.starts_with("Tomas Brevik leads")),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|r| r.starts_with("Anja Velkova leads")),
        "{found:?}"
    );
    let f = facts(
        Lang::Fr,
        "2025-02-01",
        "L'ancien président malien Anja Velkova est arrivé à Gao.",
    );
    let found = relations(&f);
    assert!(
        !found.iter().any(|r| r.starts_with("Anja Velkova leads")),
        "{found:?}"
    );
}

#[test]
fn places_nobody_listed_named_after_a_place_noun() {
    let f = facts(
        Lang::Fr,
        "2025-02-01",
        "Des hommes armés ont attaqué le quartier Zelvoka puis la chefferie de Mbarvi.",
    );
    let names: Vec<&str> = f.places.iter().map(|p| p.name.as_str()).collect();
    assert!(
        names.contains(&"Zelvoka") && names.contains(&"Mbarvi"),
        "{names:?}"
    );
    let f = facts(
        Lang::En,
        "2025-02-01",
        "Gunmen attacked the neighbourhood of Zelvoka on Sunday.",
    );
    let names: Vec<&str> = f.places.iter().map(|p| p.name.as_str()).collect();
    assert!(names.contains(&"Zelvoka"), "{names:?}");
}

fn has_relation_from(f: &Facts, start: &str) -> bool {
    relations(f).iter().any(|r| r.starts_with(start))
}

#[test]
fn role_holder_named_in_apposition_after_the_body() {
    let f = facts(
        Lang::Fr,
        "2025-02-01",
        "Au Mali, le porte-parole du gouvernement, Abdoulaye Maïga, a démenti ces informations.",
    );
    assert!(
        has_relation_from(&f, "Abdoulaye Maïga memberOf "),
        "{:?}",
        relations(&f)
    );
    let f = facts(
        Lang::En,
        "2025-02-01",
        "Guinea junta leader, Mamadi Doumbouya, spoke on Monday.",
    );
    assert!(
        has_relation_from(&f, "Mamadi Doumbouya leads "),
        "{:?}",
        relations(&f)
    );
    let f = facts(
        Lang::En,
        "2025-02-01",
        "Lul Ruai Koang, the spokesperson of the South Sudan People's Defence Forces, said the army was ready.",
    );
    assert!(
        has_relation_from(&f, "Lul Ruai Koang memberOf "),
        "{:?}",
        relations(&f)
    );
}

#[test]
fn a_deputy_does_not_lead() {
    let f = facts(
        Lang::En,
        "2025-02-01",
        "In South Sudan, Vice President Riek Machar was arrested.",
    );
    assert!(
        !has_relation_from(&f, "Riek Machar leads "),
        "{:?}",
        relations(&f)
    );
    let f = facts(
        Lang::Fr,
        "2025-02-01",
        "Au Soudan du Sud, le vice-président Riek Machar a été arrêté.",
    );
    assert!(
        !has_relation_from(&f, "Riek Machar leads "),
        "{:?}",
        relations(&f)
    );
}

#[test]
fn a_place_followed_by_its_container() {
    let f = facts(
        Lang::En,
        "2025-02-01",
        "Fighting erupted in Kadugli in South Kordofan state on Monday.",
    );
    assert!(
        relations(&f).contains(&"Kadugli locatedIn South Kordofan State".to_owned()),
        "{:?}",
        relations(&f)
    );
    let f = facts(
        Lang::Fr,
        "2025-02-01",
        "Des rebelles ont attaqué Butembo, agglomération du Nord-Kivu, mardi.",
    );
    assert!(
        relations(&f).contains(&"Butembo locatedIn Nord-Kivu".to_owned()),
        "{:?}",
        relations(&f)
    );
    // A town first named in another sentence is not the one a capital's apposition names.
    let f = facts(
        Lang::Fr,
        "2025-02-01",
        "Les combats ont touché l'Ituri. La police a patrouillé dans la capitale du Mali, Bamako.",
    );
    let found = relations(&f);
    assert!(
        found.contains(&"Bamako locatedIn Mali".to_owned()),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|r| r.starts_with("Ituri locatedIn")),
        "{found:?}"
    );
}

#[test]
fn an_agent_phrase_makes_the_others_targets() {
    for (lang, text) in [
        (
            Lang::Fr,
            "L'armée nigérienne a déploré la mort de douze soldats dans une attaque menée par le Front patriotique du Kelmar près de Tillabéri.",
        ),
        (
            Lang::En,
            "Twelve Nigerien soldiers died in an attack carried out by the Zorvan Independence Army near Tillaberi.",
        ),
    ] {
        let f = facts(lang, "2025-02-01", text);
        let attack = event_of(&f, EventKind::Attack);
        let role_of = |kind: ActorKind| {
            attack
                .participants
                .iter()
                .find(|p| f.actors[p.actor].kind == kind)
                .map(|p| p.role)
        };
        assert_eq!(role_of(ActorKind::ArmedGroup), Some(Role::Attacker), "{text}");
        assert_eq!(role_of(ActorKind::StateArmedForce), Some(Role::Target), "{text}");
    }
}

#[test]
fn an_event_takes_the_neighbourhood_over_the_town() {
    for (lang, text, site) in [
        (
            Lang::Fr,
            "Des rebelles ont attaqué mardi Beni, dans le quartier Kalindo, faisant six morts.",
            "Kalindo",
        ),
        (
            Lang::En,
            "Rebels attacked Goma on Tuesday, in the neighbourhood of Mabanga, killing six people.",
            "Mabanga",
        ),
    ] {
        let f = facts(lang, "2025-02-01", text);
        let attack = event_of(&f, EventKind::Attack);
        let place = attack.place.map(|p| f.places[p].name.as_str());
        assert_eq!(place, Some(site), "{text}");
    }
}

#[test]
fn a_border_named_by_the_country_beyond_it_is_a_place() {
    for (lang, text, border) in [
        (
            Lang::Fr,
            "Des soldats ont été tués près de la frontière malienne.",
            "Frontière malienne",
        ),
        (
            Lang::En,
            "Troops were shelled near the Russian border.",
            "Russian border",
        ),
        (
            Lang::En,
            "Gunmen fled towards the Niger border.",
            "Niger border",
        ),
    ] {
        let f = facts(lang, "2025-02-01", text);
        let names: Vec<&str> = f.places.iter().map(|p| p.name.as_str()).collect();
        assert!(names.contains(&border), "{text}: {names:?}");
    }
}

#[test]
fn a_town_with_a_region_word_names_its_region() {
    let f = facts(
        Lang::En,
        "2025-02-01",
        "Russian troops shelled villages in Kharkiv region on Monday.",
    );
    let region = f
        .places
        .iter()
        .find(|p| p.mentions.iter().any(|m| m.text == "Kharkiv region"))
        .unwrap_or_else(|| panic!("{:?}", f.places));
    assert!(region.name.starts_with("Kharkiv"), "{}", region.name);
    assert!(
        !f.places.iter().any(|p| p.name == "Kharkiv"),
        "not the town"
    );
    let f = facts(
        Lang::Fr,
        "2025-02-01",
        "Des combats ont eu lieu à Kidal et dans la province d'Alep.",
    );
    assert!(
        f.places
            .iter()
            .any(|p| p.mentions.iter().any(|m| m.text == "province d'Alep")),
        "{:?}",
        f.places
    );
    // Coordinated, the town is beside the region, not in it.
    assert!(
        !relations(&f)
            .iter()
            .any(|r| r.starts_with("Kidal locatedIn")),
        "{:?}",
        relations(&f)
    );
}

#[test]
fn a_bracketed_acronym_does_not_cut_a_name_from_its_apposition() {
    let f = facts(
        Lang::Fr,
        "2025-02-01",
        "Le Front patriotique du Kelmar (FPK), affilié à al-Qaïda, a revendiqué l'attaque.",
    );
    assert!(
        has_relation_from(&f, "Front patriotique du Kelmar affiliatedWith "),
        "{:?}",
        relations(&f)
    );
    let f = facts(
        Lang::En,
        "2025-02-01",
        "The Zorvan Independence Army (ZIA), linked to al-Qaeda, claimed the attack.",
    );
    assert!(
        has_relation_from(&f, "Zorvan Independence Army affiliatedWith "),
        "{:?}",
        relations(&f)
    );
}

#[test]
fn a_title_sharing_a_word_with_the_body_before_it() {
    let f = facts(
        Lang::En,
        "2025-02-01",
        "Mali junta leader, Assimi Goita, spoke on Monday.",
    );
    assert!(
        relations(&f)
            .iter()
            .any(|r| r.starts_with("Assimi Go") && r.contains(" leads ") && r.contains("junta")),
        "{:?}",
        relations(&f)
    );
}

#[test]
fn lower_case_militia_and_headquarters_heads() {
    let f = facts(
        Lang::En,
        "2025-02-01",
        "Fighters of the Kelmori militia attacked the town, Defence Headquarters said.",
    );
    assert_eq!(
        kind_of(&f, "Kelmori militia"),
        Some(ActorKind::ArmedGroup),
        "{:?}",
        actor_names(&f)
    );
    assert_eq!(
        kind_of(&f, "Defence Headquarters"),
        Some(ActorKind::StateArmedForce),
        "{:?}",
        actor_names(&f)
    );
    // A sentence-initial word is no name: "Local militia" names nobody.
    let f = facts(Lang::En, "2025-02-01", "Local militia attacked the town.");
    assert_eq!(kind_of(&f, "Local militia"), None, "{:?}", actor_names(&f));
}

#[test]
fn a_country_that_only_locates_does_not_take_part() {
    for (lang, text) in [
        (
            Lang::En,
            "Fighters of the Zorvan Independence Army raided a military base in northeastern Nigeria.",
        ),
        (
            Lang::Fr,
            "Le Front patriotique du Kelmar a attaqué une base militaire dans le nord du Mali.",
        ),
    ] {
        let f = facts(lang, "2025-02-01", text);
        let event = event_of(&f, EventKind::Attack);
        let countries: Vec<&str> = event
            .participants
            .iter()
            .filter(|p| f.actors[p.actor].kind == ActorKind::Country)
            .map(|p| f.actors[p.actor].name.as_str())
            .collect();
        assert!(countries.is_empty(), "{text}: {countries:?}");
    }
}

#[test]
fn an_event_retold_over_consecutive_sentences_is_one() {
    for (lang, text) in [
        (
            Lang::En,
            "Fighters of the Zorvan Independence Army raided an army base near Gao on Sunday. The attackers set fire to the base. They then attacked soldiers who fled.",
        ),
        (
            Lang::Fr,
            "Le Front patriotique du Kelmar a attaqué une base militaire près de Gao dimanche. Les assaillants ont incendié la base. Ils ont ensuite attaqué des soldats en fuite.",
        ),
    ] {
        let f = facts(lang, "2025-02-01", text);
        let attacks = f.events.iter().filter(|e| e.kind == EventKind::Attack).count();
        assert_eq!(attacks, 1, "{text}: {:?}", f.events);
    }
}

#[test]
fn an_unarmed_organisation_does_not_fight() {
    let f = facts(
        Lang::En,
        "2025-02-01",
        "Fighters of the Zorvan Independence Army clashed with the Kelmar Brigade and the Human Rights Observatory near Gao.",
    );
    let battle = event_of(&f, EventKind::Battle);
    assert!(
        battle
            .participants
            .iter()
            .all(|p| f.actors[p.actor].kind != ActorKind::Organisation),
        "{:?}",
        battle.participants
    );
    // "and the" opens a new name: the brigade and the observatory are two actors.
    assert_eq!(
        kind_of(&f, "Kelmar Brigade"),
        Some(ActorKind::ArmedGroup),
        "{:?}",
        actor_names(&f)
    );
}

#[test]
fn gangs_and_cartels_and_the_description_before_them() {
    for (lang, text, name) in [
        (
            Lang::En,
            "The Zorvan Independence Army attacked Gao. Gunmen of the Kelmar Gang clashed with soldiers near Kidal.",
            "Kelmar Gang",
        ),
        (
            Lang::Fr,
            "Le Front patriotique du Zorvan a attaqué Gao. Des hommes armés du Cartel de Kelmar ont affronté des soldats près de Kidal.",
            "Cartel de Kelmar",
        ),
    ] {
        let f = facts(lang, "2025-02-01", text);
        assert_eq!(kind_of(&f, name), Some(ActorKind::ArmedGroup), "{:?}", actor_names(&f));
        // The gunmen are the gang's, not the group named in the sentence before.
        let battle = event_of(&f, EventKind::Battle);
        let groups: Vec<&str> = battle
            .participants
            .iter()
            .filter(|p| f.actors[p.actor].kind == ActorKind::ArmedGroup)
            .map(|p| f.actors[p.actor].name.as_str())
            .collect();
        assert_eq!(groups, [name], "{text}");
    }
}

#[test]
fn led_and_run_compounds() {
    let f = facts(
        Lang::En,
        "2025-02-01",
        "Troops of the Russian-led Collective Security Treaty Organization arrived. The Houthi-run Ministry of Health said ten people died.",
    );
    let found = relations(&f);
    assert!(
        found.contains(&"Russia leads Collective Security Treaty Organization".to_owned()),
        "{found:?}"
    );
    assert!(
        found.contains(&"Ministry of Health affiliatedWith Houthis".to_owned()),
        "{found:?}"
    );
    // French says it with a participle: "l'alliance dirigée par X".
    let f = facts(
        Lang::Fr,
        "2025-02-01",
        "L'Alliance du Kelmar, dirigée par Sultani Makenga, a pris Goma.",
    );
    assert!(
        relations(&f).contains(&"Sultani Makenga leads Alliance du Kelmar".to_owned()),
        "{:?}",
        relations(&f)
    );
}

#[test]
fn a_killing_verb_is_an_attack_only_with_its_agent() {
    // Active with a subject, or passive with an agent: an attack by that actor.
    for (lang, text, attacker) in [
        (
            Lang::En,
            "Gunmen killed twelve villagers near Kaduna on Sunday.",
            "Gunmen",
        ),
        (
            Lang::Fr,
            "Trois civils ont été tués par des hommes armés près de Kidal.",
            "Hommes armés",
        ),
    ] {
        let f = facts(lang, "2025-02-01", text);
        let attack = event_of(&f, EventKind::Attack);
        let names: Vec<&str> = attack
            .participants
            .iter()
            .map(|p| f.actors[p.actor].name.as_str())
            .collect();
        assert!(names.contains(&attacker), "{names:?}");
    }
    // A toll with no agent, or a participle after its noun, is no event of its own.
    for (lang, text) in [
        (Lang::En, "Five soldiers were killed near Kaduna on Sunday."),
        (
            Lang::En,
            "The soldiers killed in Kaduna were buried on Sunday.",
        ),
        (
            Lang::Fr,
            "Les soldats blessés ont été évacués vers Kidal dimanche.",
        ),
    ] {
        let f = facts(lang, "2025-02-01", text);
        assert!(f.events.is_empty(), "{text}: {:?}", f.events);
    }
    // Beside another trigger, it is that event's toll: one attack, not two.
    let f = facts(
        Lang::En,
        "2025-02-01",
        "The attack by the Zorvan Independence Army killed twelve soldiers near Kaduna.",
    );
    assert_eq!(f.events.len(), 1, "{:?}", f.events);
}

#[test]
fn an_event_placed_in_a_country_takes_the_town_the_next_sentence_names() {
    for (lang, text, town) in [
        (
            Lang::Fr,
            "Des jihadistes ont attaqué un poste militaire dans le nord du Niger. Le poste visé se trouve dans le village de Zorvankoye. Le bilan reste inconnu.",
            "Zorvankoye",
        ),
        (
            Lang::En,
            "Gunmen attacked an army post in northern Nigeria on Sunday. The post lies in the village of Zorvanawa. The toll is unknown.",
            "Zorvanawa",
        ),
    ] {
        let f = facts(lang, "2025-02-01", text);
        let attack = event_of(&f, EventKind::Attack);
        let place = attack.place.map(|p| f.places[p].name.as_str());
        assert_eq!(place, Some(town), "{:?}", f.events);
    }
    // A next sentence that tells its own event keeps its town for itself.
    let f = facts(
        Lang::En,
        "2025-02-01",
        "Gunmen attacked an army post in northern Nigeria on Sunday. Another attack hit the village of Zorvanawa.",
    );
    let first = &f.events[0];
    assert_ne!(
        first.place.map(|p| f.places[p].name.as_str()),
        Some("Zorvanawa"),
        "{:?}",
        f.events
    );
}

#[test]
fn actors_acting_jointly_are_allies_and_share_their_enemy() {
    let f = facts(
        Lang::Fr,
        "2025-02-01",
        "Depuis 2021, les armées congolaise et ougandaise mènent des opérations conjointes contre le Front patriotique du Kelmar.",
    );
    let congo = "Forces armées de la République démocratique du Congo";
    let uganda = "Forces de défense du peuple ougandais";
    assert!(
        symmetric(&f, congo, "allyOf", uganda),
        "{:?}",
        relations(&f)
    );
    for army in [congo, uganda] {
        assert!(
            symmetric(&f, army, "opposes", "Front patriotique du Kelmar"),
            "{army}: {:?}",
            relations(&f)
        );
    }
    let f = facts(
        Lang::En,
        "2025-02-01",
        "Mali and Niger launched a joint offensive against the Zorvan Independence Army.",
    );
    assert!(
        symmetric(&f, "Mali", "allyOf", "Niger"),
        "{:?}",
        relations(&f)
    );
    assert!(
        symmetric(&f, "Niger", "opposes", "Zorvan Independence Army"),
        "{:?}",
        relations(&f)
    );
}

#[test]
fn an_event_is_at_the_place_inside_the_container_named_after_it() {
    for (lang, text, kind, town) in [
        (
            Lang::En,
            "The Arakan Army seized the town of Paletwa in Chin State.",
            EventKind::Capture,
            "Paletwa",
        ),
        (
            Lang::Fr,
            "Des jihadistes ont attaqué Boni, dans la région de Mopti, lundi.",
            EventKind::Attack,
            "Boni",
        ),
    ] {
        let f = facts(lang, "2025-02-01", text);
        let event = event_of(&f, kind);
        let place = event.place.map(|p| f.places[p].name.as_str());
        assert_eq!(place, Some(town), "{:?}", f.events);
    }
}

#[test]
fn a_capture_told_from_the_place_taken_has_the_taker_after_it() {
    for (lang, text, town, taker) in [
        (
            Lang::Fr,
            "La ville de Kidal a été reprise par le Front patriotique du Kelmar lundi.",
            "Kidal",
            "Front patriotique du Kelmar",
        ),
        (
            Lang::Fr,
            "Tessalit est tombée aux mains du Front patriotique du Kelmar.",
            "Tessalit",
            "Front patriotique du Kelmar",
        ),
        (
            Lang::En,
            "Bukavu fell to the Zorvan Independence Army in February.",
            "Bukavu",
            "Zorvan Independence Army",
        ),
        (
            Lang::En,
            "Kharkiv was captured by the Zorvan Independence Army.",
            "Kharkiv",
            "Zorvan Independence Army",
        ),
    ] {
        let f = facts(lang, "2025-02-01", text);
        let capture = event_of(&f, EventKind::Capture);
        assert_eq!(
            capture.place.map(|p| f.places[p].name.as_str()),
            Some(town),
            "{text}: {:?}",
            f.events
        );
        let attacker = capture
            .participants
            .iter()
            .find(|p| p.role == Role::Attacker)
            .map(|p| f.actors[p.actor].name.as_str());
        assert_eq!(attacker, Some(taker), "{text}: {:?}", capture.participants);
    }
    // A participle with no passive auxiliary is no capture ("la reprise des combats").
    let f = facts(
        Lang::Fr,
        "2025-02-01",
        "Les combats ont repris à Kidal, où la situation reste tendue.",
    );
    assert!(
        f.events.iter().all(|e| e.kind != EventKind::Capture),
        "{:?}",
        f.events
    );
}
