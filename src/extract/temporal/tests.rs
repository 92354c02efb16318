//! Tests of time expressions in both languages.

use super::*;

/// (text, anchor, date) of each expression found in `sentence`; `date` "" means none.
fn find(sentence: &str, lang: Lang, date: &str) -> Vec<(String, TimeAnchor, Option<String>)> {
    let article = (!date.is_empty()).then(|| date.parse::<PartialDate>().expect("test date"));
    find_time_expressions(sentence, 0, lang, article)
        .into_iter()
        .map(|e| (e.text, e.anchor, e.date.map(|d| d.to_string())))
        .collect()
}

/// The single expression of `sentence`, as (text, date).
fn one(sentence: &str, lang: Lang, date: &str) -> (String, Option<String>) {
    let found = find(sentence, lang, date);
    assert_eq!(found.len(), 1, "{sentence:?} gave {found:?}");
    let (text, _, date) = found.into_iter().next().expect("one expression");
    (text, date)
}

fn at(text: &str, date: &str) -> (String, Option<String>) {
    (text.to_owned(), (!date.is_empty()).then(|| date.to_owned()))
}

fn anchored(text: &str, anchor: TimeAnchor, date: &str) -> (String, TimeAnchor, Option<String>) {
    (
        text.to_owned(),
        anchor,
        (!date.is_empty()).then(|| date.to_owned()),
    )
}

use Lang::{En, Fr};
use TimeAnchor::{At, Since, Until};

// -- weekdays ------------------------------------------------------------

#[test]
fn weekday_with_month_precision_article_gives_the_month() {
    assert_eq!(
        one("Les tirs ont repris samedi au nord.", Fr, "2024-07"),
        at("samedi", "2024-07")
    );
    assert_eq!(
        one("Shelling resumed on Saturday.", En, "2024-07"),
        at("on Saturday", "2024-07")
    );
}

#[test]
fn weekday_with_year_precision_or_no_article_date() {
    assert_eq!(
        one("Le convoi est parti jeudi.", Fr, "2024"),
        at("jeudi", "2024")
    );
    assert_eq!(one("Le convoi est parti jeudi.", Fr, ""), at("jeudi", ""));
}

#[test]
fn english_weekdays_resolve_on_or_before_the_article_day() {
    // 2025-01-27 is a Monday.
    let date = "2025-01-27";
    assert_eq!(
        one("Militants raided a post early on Monday.", En, date),
        at("early on Monday", "2025-01-27")
    );
    assert_eq!(
        one("Late Sunday night, drones hit a depot.", En, date),
        at("Late Sunday night", "2025-01-26")
    );
    assert_eq!(
        one("Talks ended Monday morning.", En, date),
        at("Monday morning", "2025-01-27")
    );
    assert_eq!(
        one("The bridge fell last Friday.", En, date),
        at("last Friday", "2025-01-24")
    );
    assert_eq!(
        one("The bridge fell Tuesday.", En, date),
        at("Tuesday", "2025-01-21")
    );
    // 2023-09-17 is a Sunday.
    assert_eq!(
        one("Gunmen stormed a village on Saturday.", En, "2023-09-17"),
        at("on Saturday", "2023-09-16")
    );
}

#[test]
fn french_weekdays_and_dernier() {
    // 2025-01-07 is a Tuesday: the same day counts, "dernier" is strictly before.
    let date = "2025-01-07";
    assert_eq!(
        one("Des explosions ont retenti mardi soir.", Fr, date),
        at("mardi soir", "2025-01-07")
    );
    assert_eq!(
        one("Il est arrivé mardi matin.", Fr, date),
        at("mardi matin", "2025-01-07")
    );
    assert_eq!(
        one("Le camp a été visé mardi dernier.", Fr, date),
        at("mardi dernier", "2024-12-31")
    );
    assert_eq!(
        one("Le camp a été visé dimanche dernier.", Fr, date),
        at("dimanche dernier", "2025-01-05")
    );
    assert_eq!(
        one("Le blocus a été levé ce samedi.", Fr, date),
        at("ce samedi", "2025-01-04")
    );
    assert_eq!(
        one("Jeudi soir, la ville était calme.", Fr, date),
        at("Jeudi soir", "2025-01-02")
    );
}

#[test]
fn weekday_followed_by_a_date_takes_the_date() {
    assert_eq!(
        one(
            "Le sommet s'est ouvert lundi 28 octobre en Russie.",
            Fr,
            "2024-10-28"
        ),
        at("lundi 28 octobre", "2024-10-28")
    );
    assert_eq!(
        one(
            "It opened on Monday, Oct. 28, in the capital.",
            En,
            "2024-11-02"
        ),
        at("on Monday, Oct. 28", "2024-10-28")
    );
}

// -- explicit dates ------------------------------------------------------

#[test]
fn day_and_month_take_the_most_recent_year() {
    assert_eq!(
        one("The convoy was hit on Aug. 24.", En, "2022-09-01"),
        at("on Aug. 24", "2022-08-24")
    );
    assert_eq!(
        one("The convoy was hit August 24.", En, "2023-08-01"),
        at("August 24", "2022-08-24")
    );
    assert_eq!(
        one("La trêve date du 28 octobre.", Fr, "2024-10-27"),
        at("28 octobre", "2023-10-28")
    );
    assert_eq!(
        one("La trêve date du 28 octobre.", Fr, "2024-10-28"),
        at("28 octobre", "2024-10-28")
    );
    // With a month-precision article, the month alone decides.
    assert_eq!(
        one("La trêve date du 28 octobre.", Fr, "2024-10"),
        at("28 octobre", "2024-10-28")
    );
    assert_eq!(
        one("La trêve date du 28 octobre.", Fr, ""),
        at("28 octobre", "")
    );
}

#[test]
fn dates_with_a_year() {
    assert_eq!(
        one(
            "Tout a changé le 7 octobre 2023 au matin.",
            Fr,
            "2025-01-01"
        ),
        at("le 7 octobre 2023", "2023-10-07")
    );
    assert_eq!(
        one("The accord of 24 August 2022 failed.", En, ""),
        at("24 August 2022", "2022-08-24")
    );
    assert_eq!(
        one("Fighting began Sept. 1, 2022, near the river.", En, ""),
        at("Sept. 1, 2022", "2022-09-01")
    );
    assert_eq!(
        one("La loi entre en vigueur le 1er janvier 2024.", Fr, ""),
        at("le 1er janvier 2024", "2024-01-01")
    );
    assert_eq!(
        one("It was signed on March 3rd 2021.", En, ""),
        at("on March 3rd 2021", "2021-03-03")
    );
}

#[test]
fn sept_octobre_names_the_most_recent_7_october() {
    assert_eq!(
        one(
            "Depuis le 7-Octobre, la région est en guerre.",
            Fr,
            "2024-03-01"
        ),
        at("Depuis le 7-Octobre", "2023-10-07")
    );
    assert_eq!(
        find("Depuis le 7-Octobre, tout a changé.", Fr, "2024-10-07")[0].1,
        Since
    );
    assert_eq!(
        one("Les attaques du 7-Octobre.", Fr, "2024-10-06"),
        at("7-Octobre", "2023-10-07")
    );
}

#[test]
fn impossible_dates_are_not_dates() {
    assert!(find("Le 31 février, rien.", Fr, "2024-03-01")
        .iter()
        .all(|(t, _, _)| t != "31 février"));
    assert_eq!(
        one("Né le 29 février.", Fr, "2024-03-01"),
        at("le 29 février", "2024-02-29")
    );
    assert_eq!(
        one("Né le 29 février.", Fr, "2023-03-01"),
        at("le 29 février", "2023-02")
    );
}

// -- months --------------------------------------------------------------

#[test]
fn months_without_a_year_take_the_most_recent() {
    assert_eq!(
        one("Les troupes sont arrivées en juillet.", Fr, "2024-03-10"),
        at("en juillet", "2023-07")
    );
    assert_eq!(
        one("The troops arrived in July.", En, "2024-08-02"),
        at("in July", "2024-07")
    );
    assert_eq!(
        one("The troops arrived in July.", En, "2024-07"),
        at("in July", "2024-07")
    );
    assert_eq!(
        one("The troops arrived in July.", En, "2024"),
        at("in July", "2024-07")
    );
    assert_eq!(
        one(
            "Ils ont quitté la ville en juillet dernier.",
            Fr,
            "2024-07-20"
        ),
        at("en juillet dernier", "2023-07")
    );
    assert_eq!(
        one("Les renforts sont attendus en mars.", Fr, "2024-04-01"),
        at("en mars", "2024-03")
    );
}

#[test]
fn months_with_a_year_and_anchors() {
    assert_eq!(
        one("Le siège a commencé en juillet 2023.", Fr, ""),
        at("en juillet 2023", "2023-07")
    );
    assert_eq!(
        one("Le siège a commencé juillet 2023.", Fr, ""),
        at("juillet 2023", "2023-07")
    );
    assert_eq!(
        one("The siege began July 2023.", En, ""),
        at("July 2023", "2023-07")
    );
    assert_eq!(
        one("It was taken in November 2020 by rebels.", En, ""),
        at("in November 2020", "2020-11")
    );
    assert_eq!(
        find("Prices rose since November.", En, "2024-02-10"),
        vec![anchored("since November", Since, "2023-11")]
    );
    assert_eq!(
        find("Le port est fermé depuis novembre.", Fr, "2024-12-01"),
        vec![anchored("depuis novembre", Since, "2024-11")]
    );
    assert_eq!(
        find("Les accords valent jusqu'à mars 2025.", Fr, ""),
        vec![anchored("jusqu'à mars 2025", Until, "2025-03")]
    );
}

#[test]
fn month_of_last_year() {
    assert_eq!(
        one("The talks collapsed in May last year.", En, "2023-09-17"),
        at("in May last year", "2022-05")
    );
    assert_eq!(
        one(
            "Les pourparlers ont échoué en mai de l'année dernière.",
            Fr,
            "2023-09-17"
        ),
        at("en mai de l'année dernière", "2022-05")
    );
    assert_eq!(
        one("Le barrage a cédé en août l'an dernier.", Fr, "2023-01"),
        at("en août l'an dernier", "2022-08")
    );
}

#[test]
fn ambiguous_english_months_need_context() {
    assert!(find("The troops may withdraw soon.", En, "2024-05-01").is_empty());
    assert!(find("May God protect them, she said.", En, "2024-05-01").is_empty());
    assert!(find("They march on the capital.", En, "2024-05-01").is_empty());
    assert!(find("Probes to Mars cost billions.", En, "2024-05-01").is_empty());
    assert_eq!(
        one("The vote is due in May.", En, "2024-06-01"),
        at("in May", "2024-05")
    );
    assert_eq!(
        one("Since May, prices doubled.", En, "2024-06-01"),
        at("Since May", "2024-05")
    );
    assert_eq!(
        one("It fell last May.", En, "2024-06-01"),
        at("last May", "2024-05")
    );
    assert_eq!(
        one("It fell last May.", En, "2024-05-20"),
        at("last May", "2023-05")
    );
    assert_eq!(
        one("Elections in mid-May were cancelled.", En, "2024-06-01"),
        at("in mid-May", "2024-05")
    );
    assert_eq!(one("May 2020 was calm.", En, ""), at("May 2020", "2020-05"));
    assert_eq!(
        one("Fighting on May 3 killed dozens.", En, "2024-06-01"),
        at("on May 3", "2024-05-03")
    );
}

#[test]
fn month_names_are_accent_insensitive() {
    assert_eq!(
        one("Rien depuis fevrier 2022.", Fr, ""),
        at("depuis fevrier 2022", "2022-02")
    );
    assert_eq!(
        one("Rien depuis février 2022.", Fr, ""),
        at("depuis février 2022", "2022-02")
    );
    assert_eq!(
        one("Rien en aout 2021.", Fr, ""),
        at("en aout 2021", "2021-08")
    );
    assert_eq!(
        one("Rien en AOÛT 2021.", Fr, ""),
        at("en AOÛT 2021", "2021-08")
    );
    // A decomposed "é" (e + combining acute) folds the same way.
    assert_eq!(
        one("Rien depuis fe\u{301}vrier 2022.", Fr, ""),
        at("depuis fe\u{301}vrier 2022", "2022-02")
    );
}

#[test]
fn parts_of_a_month() {
    assert_eq!(
        one("Les pluies ont cessé fin juillet.", Fr, "2024-09-01"),
        at("fin juillet", "2024-07")
    );
    assert_eq!(
        one("Les pluies ont cessé mi-juillet.", Fr, "2024-09-01"),
        at("mi-juillet", "2024-07")
    );
    assert_eq!(
        one("The rains stopped in early July 2021.", En, ""),
        at("in early July 2021", "2021-07")
    );
}

// -- years ---------------------------------------------------------------

#[test]
fn years_with_a_cue() {
    assert_eq!(
        find("Le groupe est apparu en 2020.", Fr, ""),
        vec![anchored("en 2020", At, "2020")]
    );
    assert_eq!(
        find("The group appeared in 2017.", En, ""),
        vec![anchored("in 2017", At, "2017")]
    );
    assert_eq!(
        find("L'armée tient la ville depuis 2020.", Fr, ""),
        vec![anchored("depuis 2020", Since, "2020")]
    );
    assert_eq!(
        find("The army has held it since 2012.", En, ""),
        vec![anchored("since 2012", Since, "2012")]
    );
    assert_eq!(
        find("La base restera ouverte jusqu'en 2022.", Fr, ""),
        vec![anchored("jusqu'en 2022", Until, "2022")]
    );
    assert_eq!(
        find("La base restera ouverte jusqu’en 2022.", Fr, ""),
        vec![anchored("jusqu’en 2022", Until, "2022")]
    );
    assert_eq!(
        find("The base stays open until 2022.", En, ""),
        vec![anchored("until 2022", Until, "2022")]
    );
    assert_eq!(
        find("Le retrait doit être achevé d'ici 2026.", Fr, ""),
        vec![anchored("d'ici 2026", Until, "2026")]
    );
    assert_eq!(
        find("Troops are to leave by 2026, he said.", En, ""),
        vec![anchored("by 2026", Until, "2026")]
    );
    assert_eq!(
        find("Elle a été fondée l'année 2015.", Fr, ""),
        vec![anchored("l'année 2015", At, "2015")]
    );
}

#[test]
fn parts_of_a_year_keep_year_precision() {
    assert_eq!(
        one("La milice est née fin 2023.", Fr, "2024-07"),
        at("fin 2023", "2023")
    );
    assert_eq!(
        one("Le retrait aura lieu début 2024.", Fr, ""),
        at("début 2024", "2024")
    );
    assert_eq!(
        one("Le front a bougé mi-2023.", Fr, ""),
        at("mi-2023", "2023")
    );
    assert_eq!(
        one("The front moved in late 2023.", En, ""),
        at("in late 2023", "2023")
    );
    assert_eq!(
        one("The front moved early 2024.", En, ""),
        at("early 2024", "2024")
    );
    assert_eq!(
        one("The front moved in mid-2022.", En, ""),
        at("in mid-2022", "2022")
    );
    assert_eq!(
        find("Il est en poste depuis fin 2021.", Fr, ""),
        vec![anchored("depuis fin 2021", Since, "2021")]
    );
    assert_eq!(
        one("Il faut attendre l'été 2022.", Fr, ""),
        at("l'été 2022", "2022")
    );
    assert_eq!(
        one("It happened in the summer of 2022.", En, ""),
        at("in the summer of 2022", "2022")
    );
}

#[test]
fn year_ranges_and_lists() {
    assert_eq!(
        find("Il a dirigé le pays de 2012 à 2022.", Fr, ""),
        vec![
            anchored("de 2012", Since, "2012"),
            anchored("à 2022", Until, "2022")
        ]
    );
    assert_eq!(
        find("He led the country from 2012 to 2022.", En, ""),
        vec![
            anchored("from 2012", Since, "2012"),
            anchored("to 2022", Until, "2022")
        ]
    );
    assert_eq!(
        find("Il a dirigé le pays entre 2012 et 2022.", Fr, ""),
        vec![
            anchored("entre 2012", Since, "2012"),
            anchored("et 2022", Until, "2022")
        ]
    );
    assert_eq!(
        find("Des élections ont eu lieu en 2020 et 2021.", Fr, ""),
        vec![
            anchored("en 2020", At, "2020"),
            anchored("2021", At, "2021")
        ]
    );
    assert_eq!(
        find("Elections were held in 2017, 2018 and 2019.", En, ""),
        vec![
            anchored("in 2017", At, "2017"),
            anchored("2018", At, "2018"),
            anchored("2019", At, "2019")
        ]
    );
    assert_eq!(
        find("La guerre de 2006 a laissé des traces.", Fr, ""),
        vec![anchored("2006", At, "2006")]
    );
    assert_eq!(
        find("De janvier à mars, les combats ont duré.", Fr, "2024-05-01"),
        vec![
            anchored("De janvier", Since, "2024-01"),
            anchored("à mars", Until, "2024-03")
        ]
    );
}

#[test]
fn counts_are_not_years() {
    for sentence in [
        "Plus de 2000 soldats ont été déployés.",
        "2000 soldats ont été déployés.",
        "Le bilan s'élève à 45.885 morts.",
        "Le bilan atteint 1.208 victimes en 2.000 jours.",
        "Quelque 45 885 personnes ont fui.",
        "The toll rose by 2000 people.",
        "Some 1,208 people fled in 2,000 trucks.",
        "The 2020s were violent.",
        "Ils étaient 1950 à 2000 manifestants.",
    ] {
        assert!(
            find(sentence, Fr, "2024-07-01").is_empty(),
            "{sentence}: {:?}",
            find(sentence, Fr, "2024-07-01")
        );
    }
}

// -- relative expressions ------------------------------------------------

#[test]
fn relative_days() {
    let date = "2024-03-15";
    assert_eq!(
        one("L'attaque a eu lieu hier.", Fr, date),
        at("hier", "2024-03-14")
    );
    assert_eq!(
        one("L'attaque a eu lieu hier soir.", Fr, date),
        at("hier soir", "2024-03-14")
    );
    assert_eq!(
        one("L'attaque a eu lieu avant-hier.", Fr, date),
        at("avant-hier", "2024-03-13")
    );
    assert_eq!(
        one("Aujourd'hui, le calme est revenu.", Fr, date),
        at("Aujourd'hui", "2024-03-15")
    );
    assert_eq!(
        one("Aujourd’hui, le calme est revenu.", Fr, date),
        at("Aujourd’hui", "2024-03-15")
    );
    assert_eq!(
        one("Cette nuit, des tirs ont éclaté.", Fr, date),
        at("Cette nuit", "2024-03-15")
    );
    assert_eq!(
        one("The attack came yesterday.", En, date),
        at("yesterday", "2024-03-14")
    );
    assert_eq!(
        one("The attack came today.", En, date),
        at("today", "2024-03-15")
    );
    assert_eq!(
        one("The attack came yesterday.", En, "2024-03-01"),
        at("yesterday", "2024-02-29")
    );
    // Without a day, "hier" is in the article's month.
    assert_eq!(
        one("L'attaque a eu lieu hier.", Fr, "2024-03"),
        at("hier", "2024-03")
    );
    assert_eq!(one("L'attaque a eu lieu hier.", Fr, ""), at("hier", ""));
}

#[test]
fn relative_weeks_months_years() {
    assert_eq!(
        one("Ils ont fui la semaine dernière.", Fr, "2024-03-05"),
        at("la semaine dernière", "2024-02")
    );
    assert_eq!(
        one("They fled last week.", En, "2024-03-20"),
        at("last week", "2024-03")
    );
    assert_eq!(
        one("They fled last week.", En, "2024-03"),
        at("last week", "2024-03")
    );
    assert_eq!(
        one("Ils fuient cette semaine.", Fr, "2024-03-20"),
        at("cette semaine", "2024-03")
    );
    assert_eq!(
        one("They flee this week.", En, "2024-03-20"),
        at("this week", "2024-03")
    );
    assert_eq!(
        one(
            "Le cessez-le-feu a été rompu le mois dernier.",
            Fr,
            "2023-11"
        ),
        at("le mois dernier", "2023-10")
    );
    assert_eq!(
        one("The truce broke down last month.", En, "2024-01-10"),
        at("last month", "2023-12")
    );
    assert_eq!(
        one("La trêve tient ce mois-ci.", Fr, "2024-01-10"),
        at("ce mois-ci", "2024-01")
    );
    assert_eq!(
        one("Rien cette année.", Fr, "2024-01-10"),
        at("cette année", "2024")
    );
    assert_eq!(
        one("Nothing this year.", En, "2024"),
        at("this year", "2024")
    );
    assert_eq!(
        one("Rien l'an dernier.", Fr, "2024-01-10"),
        at("l'an dernier", "2023")
    );
    assert_eq!(
        one("Rien l'année dernière.", Fr, "2024"),
        at("l'année dernière", "2023")
    );
    assert_eq!(
        one("Nothing last year.", En, "2024-05"),
        at("last year", "2023")
    );
    assert_eq!(
        find("Il gouverne depuis l'an dernier.", Fr, "2024-05"),
        vec![anchored("depuis l'an dernier", Since, "2023")]
    );
    // "le mois dernier" needs the article's month.
    assert_eq!(
        one("Rien le mois dernier.", Fr, "2024"),
        at("le mois dernier", "")
    );
}

#[test]
fn ago_phrases_resolve() {
    assert_eq!(
        one(
            "Le village a été pris il y a deux semaines.",
            Fr,
            "2024-03-10"
        ),
        at("il y a deux semaines", "2024-02")
    );
    assert_eq!(
        one("The village fell three years ago.", En, "2024-03-10"),
        at("three years ago", "2021")
    );
    assert_eq!(
        one("The village fell 10 days ago.", En, "2024-03-10"),
        at("10 days ago", "2024-02-29")
    );
}

#[test]
fn parts_of_the_current_period() {
    let date = "2024-03-15";
    assert_eq!(
        find("Le prix a doublé depuis le début de l'année.", Fr, date),
        vec![anchored("depuis le début de l'année", Since, "2024")]
    );
    assert_eq!(
        find("The base will close by the end of the year.", En, date),
        vec![anchored("by the end of the year", Until, "2024")]
    );
    assert_eq!(
        one("Ils sont partis fin de l'année dernière.", Fr, date),
        at("fin de l'année dernière", "2023")
    );
    assert_eq!(
        one("They met earlier this week.", En, date),
        at("earlier this week", "2024-03")
    );
    // Without a modifier, "l'année" is not this year.
    assert!(find("L'année a été rude.", Fr, date).is_empty());
}

#[test]
fn weekday_ranges_and_nights() {
    let date = "2024-03-15"; // a Friday
    assert_eq!(
        find("Dans la nuit de samedi à dimanche, des tirs.", Fr, date),
        vec![
            anchored("samedi", At, "2024-03-09"),
            anchored("dimanche", At, "2024-03-10")
        ]
    );
    assert_eq!(
        find("Shops shut from Monday to Wednesday.", En, date),
        vec![
            anchored("from Monday", Since, "2024-03-11"),
            anchored("to Wednesday", Until, "2024-03-13")
        ]
    );
    assert_eq!(
        find("Talks resume until Thursday.", En, date),
        vec![anchored("until Thursday", Until, "2024-03-14")]
    );
    assert_eq!(
        one("Le vote aura lieu samedi prochain.", Fr, date),
        at("samedi prochain", "2024-03-16")
    );
    assert_eq!(
        one("The vote is next Friday.", En, date),
        at("next Friday", "2024-03-22")
    );
    assert_eq!(
        one("Monday's strike killed four.", En, date),
        at("Monday", "2024-03-11")
    );
}

#[test]
fn more_ago_phrases() {
    assert_eq!(
        one("The village fell an hour ago.", En, "2024-03-10"),
        at("an hour ago", "2024-03-10")
    );
    assert_eq!(
        one("Le village est tombé il y a un an.", Fr, "2024-03-10"),
        at("il y a un an", "2023")
    );
    assert_eq!(
        find(
            "Le village est tombé il y a plusieurs mois.",
            Fr,
            "2024-03-10"
        ),
        vec![anchored("il y a plusieurs mois", At, "")]
    );
    assert!(find("Il y a deux soldats blessés.", Fr, "2024-03-10").is_empty());
}

#[test]
fn more_vague_durations() {
    let date = "2024-01-01";
    assert_eq!(
        find("They have marched for an hour.", En, date),
        vec![anchored("for an hour", Since, "")]
    );
    assert_eq!(
        find("Le front bouge au cours des derniers mois.", Fr, date),
        vec![anchored("au cours des derniers mois", Since, "")]
    );
    assert_eq!(
        find("Ils marchent depuis de longues semaines.", Fr, date),
        vec![anchored("depuis de longues semaines", Since, "")]
    );
}

// -- vague durations -----------------------------------------------------

#[test]
fn vague_durations_are_since_without_a_date() {
    assert_eq!(
        find(
            "Une mobilisation d'une ampleur inédite depuis des mois.",
            Fr,
            "2024-01-01"
        ),
        vec![anchored("depuis des mois", Since, "")]
    );
    assert_eq!(
        find("Ils marchent depuis plusieurs jours.", Fr, "2024-01-01"),
        vec![anchored("depuis plusieurs jours", Since, "")]
    );
    assert_eq!(
        find("Ils marchent depuis trois ans.", Fr, "2024-01-01"),
        vec![anchored("depuis trois ans", Since, "")]
    );
    assert_eq!(
        find("They have marched for several days.", En, "2024-01-01"),
        vec![anchored("for several days", Since, "")]
    );
    assert_eq!(
        find("They have marched for months.", En, "2024-01-01"),
        vec![anchored("for months", Since, "")]
    );
    assert_eq!(
        find(
            "Les tirs ont redoublé ces derniers jours.",
            Fr,
            "2024-01-01"
        ),
        vec![anchored("ces derniers jours", Since, "")]
    );
    assert_eq!(
        find("Fire intensified in recent weeks.", En, "2024-01-01"),
        vec![anchored("in recent weeks", Since, "")]
    );
    assert!(find("Ils ont marché pendant la nuit blanche.", Fr, "").is_empty());
    assert!(find("He served for the first time.", En, "").is_empty());
}

// -- spans, boundaries, robustness -------------------------------------

#[test]
fn spans_are_character_offsets_in_the_body() {
    let sentence = "Dès février, l'armée a reculé ; jeudi, elle a contre-attaqué.";
    let found = find_time_expressions(sentence, 100, Fr, "2024-03-15".parse().ok());
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].text, "Dès février");
    assert_eq!(found[0].anchor, Since);
    assert_eq!(
        found[0].span,
        Span {
            start: 100,
            end: 111
        }
    );
    let jeudi = sentence
        .chars()
        .collect::<Vec<_>>()
        .windows(5)
        .position(|w| w.iter().collect::<String>() == "jeudi");
    assert_eq!(jeudi, Some(32));
    assert_eq!(
        found[1].span,
        Span {
            start: 132,
            end: 137
        }
    );
    assert_eq!(found[1].date, "2024-03-14".parse().ok());
    // The text is the exact slice of the sentence at those character offsets.
    let chars: Vec<char> = sentence.chars().collect();
    for e in &found {
        let slice: String = chars[e.span.start - 100..e.span.end - 100].iter().collect();
        assert_eq!(slice, e.text);
    }
}

#[test]
fn words_must_match_whole() {
    for sentence in [
        "Thierry a parlé.",
        "Les mardis sont calmes.",
        "Mayotte est loin.",
        "Un enfant est né.",
        "Sundays are quiet.",
    ] {
        assert!(find(sentence, Fr, "2024-03-15").is_empty(), "{sentence}");
    }
}

#[test]
fn results_are_ordered_and_disjoint() {
    let found = find_time_expressions(
        "Hier, après des combats depuis le 7 octobre 2023 et jusqu'en 2024, le front a bougé samedi.",
        0,
        Fr,
        "2024-03-15".parse().ok(),
    );
    let texts: Vec<&str> = found.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Hier",
            "depuis le 7 octobre 2023",
            "jusqu'en 2024",
            "samedi"
        ]
    );
    assert!(found.windows(2).all(|w| w[0].span.end <= w[1].span.start));
}

#[test]
fn never_panics_on_odd_input() {
    let odd = "’'-‑ 2020- -2020 fin mi- 1er 31 32 0 janv. Aug. , et à de 7-Octobre 🙂 é\u{301} İ ß 99999999999999999999 il y a 99999 ans";
    let chars: Vec<char> = odd.chars().collect();
    // Every prefix and every suffix, so that each construction is cut at each point.
    let pieces = (0..=chars.len()).flat_map(|n| [&chars[..n], &chars[n..]]);
    for piece in pieces {
        let text: String = piece.iter().collect();
        for date in [
            None,
            "2024".parse().ok(),
            "2024-02".parse().ok(),
            "2024-02-29".parse().ok(),
        ] {
            for e in find_time_expressions(&text, 7, Fr, date) {
                assert!(e.span.start < e.span.end && e.span.end <= piece.len() + 7);
            }
        }
    }
    assert!(find_time_expressions("", 0, En, None).is_empty());
}
