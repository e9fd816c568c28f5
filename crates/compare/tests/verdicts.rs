//! What the comparison says about made-up reports of one event: each case is a few reports (a
//! publication date and a paragraph) and the comparisons a careful reader expects, one line per
//! comparison as `verdict slot degree: value [doc: words] | value [doc: words]`. Every kind of
//! miss and invention seen on real stories has a case (issue 13).

use corroborate_compare::{analyze, Analysis};
use corroborate_model::Document;

/// Reports as `(published, text)`; each becomes one JSONL document with its date.
fn reports(items: &[(&str, &str)]) -> Vec<Document> {
    items
        .iter()
        .enumerate()
        .flat_map(|(i, (date, text))| {
            let line = format!(
                "{{\"text\": {:?}, \"title\": \"Report {}\", \"outlet\": \"Outlet {}\", \"published\": {:?}}}\n",
                text,
                i + 1,
                i + 1,
                date
            );
            corroborate_ingest::read_bytes(&format!("r{i}.jsonl"), line.as_bytes())
                .documents
                .into_iter()
                .map(corroborate_extract::segment::segmented)
        })
        .collect()
}

fn analysis(items: &[(&str, &str)]) -> (Vec<Document>, Analysis) {
    let docs = reports(items);
    assert_eq!(docs.len(), items.len(), "every report reads");
    let annotations = corroborate_compare::Annotations::of(&docs, parser());
    let inputs = annotations.inputs(&docs);
    let a = analyze(&inputs);
    (docs, a)
}

/// Each value comparison as one line.
fn render(docs: &[Document], a: &Analysis) -> Vec<String> {
    a.comparisons
        .iter()
        .filter(|c| c.value_kind.is_some() || c.verdict == corroborate_compare::Verdict::Conflict)
        .map(|c| {
            let positions: Vec<String> = c
                .positions
                .iter()
                .map(|p| {
                    let words: Vec<String> = p
                        .spans
                        .iter()
                        .map(|(cl, s)| {
                            format!(
                                "{}: {}",
                                a.claims[*cl].doc + 1,
                                s.slice(&docs[a.claims[*cl].doc].text)
                            )
                        })
                        .collect();
                    format!("{} [{}]", p.value, words.join("; "))
                })
                .collect();
            // The slot: the kind of value compared, or the kind of conflict for sentences.
            let kind = c.value_kind.map_or_else(
                || {
                    c.kind
                        .map_or("-".to_string(), |k| format!("{k:?}").to_lowercase())
                },
                |k| format!("{k:?}").to_lowercase(),
            );
            let degree = c
                .degree
                .map_or("-".to_string(), |d| format!("{d:?}").to_lowercase());
            format!(
                "{} {kind} {degree}: {}",
                format!("{:?}", c.verdict).to_lowercase(),
                positions.join(" | ")
            )
        })
        .collect()
}

/// The comparisons of the reports are exactly `expect`, in any order.
fn check(items: &[(&str, &str)], expect: &[&str]) {
    let (docs, a) = analysis(items);
    let mut got = render(&docs, &a);
    got.sort();
    let mut want: Vec<String> = expect.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(got, want, "\ngot: {got:#?}");
}

#[test]
fn counts_of_the_same_thing() {
    check(
        &[
            ("2024-03-02", "Three missiles were fired at the port of Odesa on Saturday, officials said."),
            ("2024-03-02", "Four missiles were fired at the port of Odesa on Saturday, the military said."),
        ],
        &[
            "agree date -: 2024-03-02 [1: Saturday; 2: Saturday]",
            "conflict count contradiction: Three missiles [1: Three missiles] | Four missiles [2: Four missiles]",
        ],
    );
}

#[test]
fn times_of_day_are_times_not_counts() {
    check(
        &[
            ("2024-03-02", "The earthquake struck the coastal town of Ridgeford at 2:15 p.m. on Friday, officials said."),
            ("2024-03-02", "The earthquake struck the coastal town of Ridgeford at 3:40 p.m. on Friday, the agency said."),
        ],
        // The day both readings name agrees; their minutes do not.
        &[
            "agree date -: 2024-03-01 [1: 2:15 p.m. on Friday; 2: 3:40 p.m. on Friday]",
            "conflict time contradiction: 14:15 [1: 2:15 p.m. on Friday] | 15:40 [2: 3:40 p.m. on Friday]",
        ],
    );
}

#[test]
fn a_time_with_its_gmt_equivalent_is_one_value() {
    check(
        &[
            ("2024-03-02", "The blast hit the central market of Karsville at 4 p.m. (1300 GMT) on Friday, police said."),
            ("2024-03-02", "The blast hit the central market of Karsville at 13:00 GMT on Friday, witnesses said."),
        ],
        &[
            "agree date -: 2024-03-01 [1: Friday; 2: 13:00 GMT on Friday]",
            "agree time -: 13:00 GMT [1: 4 p.m. (1300 GMT); 2: 13:00 GMT on Friday]",
        ],
    );
}

#[test]
fn approximate_totals_and_the_counted_noun() {
    check(
        &[
            ("2024-03-02", "The floods forced nearly 18,000 residents of Dunmore to leave their homes on Friday, officials said."),
            ("2024-03-02", "The floods forced over 19,000 residents of Dunmore to leave their homes on Friday, aid groups said."),
        ],
        &[
            "agree date -: 2024-03-01 [1: Friday; 2: Friday]",
            "conflict count tension: nearly 18,000 residents [1: nearly 18,000 residents] | over 19,000 residents [2: over 19,000 residents]",
        ],
    );
}

#[test]
fn magnitudes_of_one_earthquake() {
    check(
        &[
            ("2024-03-02", "A magnitude 7.1 earthquake shook the island of Tarnos on Friday, the geological survey said."),
            ("2024-03-02", "A magnitude 6.9 earthquake shook the island of Tarnos on Friday, seismologists said."),
            ("2024-03-02", "A magnitude 7.1 earthquake shook the island of Tarnos on Friday, local media reported."),
        ],
        &[
            "conflict measure contradiction: magnitude 7.1 [1: magnitude 7.1; 3: magnitude 7.1] | magnitude 6.9 [2: magnitude 6.9]",
            // The day agrees in all three, though the parse hangs the days on two reporting
            // verbs ("said", "reported"): one day in close sentences is one slot.
            "agree date -: 2024-03-01 [1: Friday; 2: Friday; 3: Friday]",
        ],
    );
}

#[test]
fn distances_in_two_units_agree() {
    check(
        &[
            (
                "2024-03-02",
                "The epicentre of the quake was 50 km from the town of Velmar, the survey said.",
            ),
            (
                "2024-03-02",
                "The epicentre of the quake was 30 miles from the town of Velmar, officials said.",
            ),
        ],
        &["agree measure -: 50 km [1: 50 km; 2: 30 miles]"],
    );
}

#[test]
fn shells_that_fell_are_not_a_capture() {
    // Two numbers in two reports: shells that fell on a town and the day a town was taken. No
    // slot holds both.
    check(
        &[
            ("2024-03-02", "Rebel fighters captured the town of Halvik on Friday after a long siege, commanders said."),
            ("2024-03-02", "Twelve shells fell on the town of Halvik on Friday, residents said."),
        ],
        &[],
    );
}

#[test]
fn unrelated_quotes_are_not_a_negation_conflict() {
    check(
        &[
            ("2024-03-02", "\"We will rebuild the school in Orlen,\" the mayor of Orlen said on Friday."),
            ("2024-03-02", "\"We do not know when the roads to Orlen will reopen,\" the governor of the region said on Friday."),
        ],
        &[],
    );
}

#[test]
fn a_toll_revised_later_is_an_update() {
    check(
        &[
            ("2024-03-02", "The death toll from the fire at the Brenton textile factory rose to 36 on Saturday, officials said."),
            ("2024-03-04", "The death toll from the fire at the Brenton textile factory rose to 53 on Monday, officials said."),
        ],
        &[
            "agree place -: at Brenton [1: Brenton; 2: Brenton]",
            "update count -: 36 [1: 36] | 53 [2: 53]",
        ],
    );
}

#[test]
fn one_place_agrees_and_two_places_are_not_set_against_each_other() {
    check(
        &[
            ("2024-03-02", "A bomb exploded at a bank in Woodburn on Friday, killing two police officers."),
            ("2024-03-02", "The bomb went off at the West Coast Bank branch in Woodburn on Friday, the police said."),
            ("2024-03-02", "The bomb exploded at a bank in Salem on Friday, killing two police officers."),
        ],
        &[
            "agree count -: two police [1: two police; 3: two police]",
            "agree date -: 2024-03-01 [1: Friday; 2: Friday; 3: Friday]",
            "agree place -: in Woodburn [1: Woodburn; 2: Woodburn]",
        ],
    );
}

#[test]
fn months_years_and_clock_times_without_a_report_date() {
    check(
        &[
            ("", "She launched the label Mantra in December 2005 and the bomb exploded at 5:30 p.m."),
            ("", "She launched the label Mantra in September 2005 and the bomb exploded around 5:30 p.m."),
        ],
        &[
            "agree time -: 17:30 [1: 5:30 p.m.; 2: 5:30 p.m.]",
            "conflict date contradiction: 2005-12 [1: December 2005] | 2005-09 [2: September 2005]",
        ],
    );
}

#[test]
fn an_increment_is_not_a_total() {
    check(
        &[
            ("2024-03-02", "The judge gave Comeaux two extra life sentences for the escape from the prison bus, officials said."),
            ("2024-03-02", "The judge gave Comeaux three life sentences for the escape from the prison bus, officials said."),
        ],
        &[],
    );
}

#[test]
fn the_days_two_outlets_were_told_are_not_a_dispute() {
    check(
        &[
            ("2024-03-05", "The operator Seacom announced on Tuesday that the undersea cable off Egypt had been repaired."),
            ("2024-03-08", "The operator Seacom announced on Friday that the undersea cable off Egypt had been repaired."),
        ],
        // Who announced it agrees; the days they announced it are no dispute.
        &["agree actor -: operator Seacom [1: Seacom; 2: Seacom]"],
    );
}

#[test]
fn two_people_named_with_one_role_conflict_and_one_person_agrees() {
    check(
        &[
            ("2024-03-02", "The team fired lawyer Mike Jones on Monday, general manager Tom Smith said at a news conference."),
            ("2024-03-02", "The team fired lawyer Mike Jones on Monday, general manager Tom Baker told reporters at a news conference."),
        ],
        &[
            "conflict actor contradiction: general manager Tom Smith [1: Tom Smith] | general manager Tom Baker [2: Tom Baker]",
            "agree actor -: lawyer Mike Jones [1: Mike Jones; 2: Mike Jones]",
            "agree date -: 2024-02-26 [1: Monday; 2: Monday]",
        ],
    );
}

#[test]
fn a_score_agrees_whichever_side_tells_it() {
    check(
        &[
            (
                "2024-03-02",
                "The Colts beat the Jaguars 31-24 in Jacksonville.",
            ),
            (
                "2024-03-02",
                "The Jaguars lost 24-31 to the Colts in Jacksonville.",
            ),
        ],
        &["agree score -: 31-24 [1: 31-24; 2: 24-31]"],
    );
}

#[test]
fn a_compound_length_is_one_value() {
    check(
        &[
            (
                "2024-03-02",
                "Lightning halted the match in Leeds for 1 hour, 15 minutes.",
            ),
            (
                "2024-03-02",
                "Lightning halted the match in Leeds for 75 minutes.",
            ),
        ],
        &[
            "agree duration -: 1 hour, 15 minutes [1: 1 hour, 15 minutes; 2: 75 minutes]",
            "agree place -: in Leeds [1: Leeds; 2: Leeds]",
        ],
    );
}

#[test]
fn ordinals_of_one_noun_agree_and_are_never_set_against_each_other() {
    check(
        &[
            ("2024-03-02", "Klitschko stopped Hasim Rahman in the seventh round of the title fight in Mannheim."),
            ("2024-03-02", "Klitschko knocked out Hasim Rahman in the seventh round of the title fight in Mannheim."),
            ("2024-03-02", "Klitschko floored Hasim Rahman in the sixth round of the title fight in Mannheim."),
        ],
        &[
            "agree place -: in Mannheim [1: Mannheim; 2: Mannheim; 3: Mannheim]",
            "agree rank -: seventh round [1: seventh round; 2: seventh round]",
        ],
    );
}

#[test]
fn one_exact_length_in_sentences_that_share_words_agrees() {
    check(
        &[
            ("2024-03-02", "Police ended the standoff at the Vancouver office after two hours of negotiations with the gunman."),
            ("2024-03-02", "The standoff with the gunman at the Vancouver office lasted two hours before police moved in."),
        ],
        &[
            "agree duration -: two hours [1: two hours; 2: two hours]",
            "agree place -: at Vancouver [1: Vancouver; 2: Vancouver]",
        ],
    );
}

#[test]
fn bare_numbers_of_one_verb_in_close_sentences() {
    check(
        &[
            ("2024-03-02", "The earthquake that struck Qeshm island in September killed one person, injuring 40, officials said."),
            ("2024-03-02", "A quake on Qeshm island in September killed a woman and injured almost 50, state media said."),
        ],
        &[
            "conflict count tension: 40 [1: 40] | almost 50 [2: almost 50]",
            // One month in both sentences about one quake.
            "agree date -: 2023-09 [1: September; 2: September]",
        ],
    );
}

#[test]
fn lengths_said_of_two_named_people_are_two_slots() {
    check(
        &[
            ("2024-03-02", "Captain Tom Tennant, who died in the bank blast, was a 28-year veteran of the Woodburn police department."),
            ("2024-03-02", "Chief Scott Russell, a 20-year veteran of the Woodburn police department, was hurt in the bank blast."),
        ],
        &[],
    );
}

#[test]
fn two_lengths_of_one_standoff_told_with_two_verbs() {
    check(
        &[
            ("2024-03-02", "Police locked down the Vancouver office block for almost three hours during the standoff with the gunman."),
            ("2024-03-02", "The police standoff with the gunman at the Vancouver office block lasted two hours."),
        ],
        &["conflict duration tension: almost three hours [1: almost three hours] | two hours [2: two hours]"],
    );
}

#[test]
fn one_day_told_with_two_verbs_agrees() {
    check(
        &[
            ("2024-03-07", "Armed robbers stole diamonds from the Harry Winston store in Paris on Thursday, police said."),
            ("2024-03-07", "Robbers disguised as women stormed the Harry Winston store in Paris on Thursday afternoon and took diamonds."),
        ],
        &[
            "agree date -: 2024-03-07 [1: Thursday; 2: Thursday afternoon]",
            "agree place -: in Paris [1: Paris; 2: Paris]",
        ],
    );
}

/// The bundled sentence parser, loaded once for all tests of this file.
fn parser() -> &'static corroborate_extract::syntax::Parser {
    static PARSER: std::sync::OnceLock<corroborate_extract::syntax::Parser> =
        std::sync::OnceLock::new();
    PARSER.get_or_init(|| {
        corroborate_extract::syntax::Parser::bundled().expect("the bundled syntax model")
    })
}

/// The independent sources of the positions whose value is `value`, each report's sentence
/// that holds `cited` attributed to "Reuters" (as the quote stage marks "according to …").
fn sources_of(items: &[(&str, &str)], cited: &str, value: &str) -> Vec<usize> {
    let docs = reports(items);
    let annotations = corroborate_compare::Annotations::of(&docs, parser());
    let marks: Vec<Vec<corroborate_compare::Sourced>> = docs
        .iter()
        .map(|d| {
            d.sentences
                .iter()
                .filter(|s| s.slice(&d.text).contains(cited))
                .map(|s| corroborate_compare::Sourced {
                    span: *s,
                    source: "Reuters".into(),
                })
                .collect()
        })
        .collect();
    let mut inputs = annotations.inputs(&docs);
    for (input, m) in inputs.iter_mut().zip(&marks) {
        input.attributions = m;
    }
    let a = analyze(&inputs);
    a.comparisons
        .iter()
        .flat_map(|c| &c.positions)
        .filter(|p| p.value == value)
        .map(|p| p.independent_sources)
        .collect()
}

#[test]
fn a_report_is_one_source_though_one_of_its_sentences_cites_an_agency() {
    // Report 1 states the toll citing an agency and again in its own voice: still one report.
    let items = [
        ("2024-03-02", "According to Reuters, eleven people were killed in the blast in Harrow on Saturday.\n\nPolice said eleven people were killed in the blast in Harrow."),
        ("2024-03-02", "Eleven people were killed in the blast in Harrow on Saturday, the mayor said."),
    ];
    assert_eq!(
        sources_of(&items, "According to Reuters", "eleven people"),
        [2]
    );
    // Two reports that both rest on the agency are one source.
    let items = [
        ("2024-03-02", "According to Reuters, eleven people were killed in the blast in Harrow on Saturday."),
        ("2024-03-03", "According to Reuters, eleven people died when a blast hit a market in Harrow at the weekend."),
    ];
    assert_eq!(
        sources_of(&items, "According to Reuters", "eleven people"),
        [1]
    );
}

// --- slots helper: which values of different reports are one slot (issue 13) ---

#[test]
fn the_source_of_an_amount_is_not_its_actor() {
    // Two named people report two tolls of one quake: the speakers differ, the slot does not
    // ("reported" is a verb of speaking, whose subject is the source, not who acted).
    check(
        &[
            (
                "2024-03-02",
                "Governor Ali Rahimi reported 120 deaths in the earthquake on Qeshm island.",
            ),
            (
                "2024-03-02",
                "Minister Hassan Karimi reported 150 deaths in the earthquake on Qeshm island.",
            ),
        ],
        &["conflict count tension: 120 deaths [1: 120 deaths] | 150 deaths [2: 150 deaths]"],
    );
}

#[test]
fn an_open_bound_does_not_state_a_larger_amount() {
    // Report 1's "at least 10 people" killed does not tell the island's population: its
    // 120,000 is still set against report 2's 200,000.
    check(
        &[
            ("2024-03-02", "Rescuers said the collapse of houses killed at least 10 people. Qeshm island, home to 120,000 people, lies in the Gulf."),
            ("2024-03-02", "The island, home to 200,000 people, lies in the Gulf, officials said of Qeshm."),
        ],
        &["conflict count contradiction: 120,000 people [1: 120,000 people] | 200,000 people [2: 200,000 people]"],
    );
}

#[test]
fn two_records_of_one_fighter_are_at_odds() {
    // A record one result apart may be from before and after the bout: a tension. Scores with
    // no named holder stay agreements only.
    check(
        &[
            ("2024-03-02", "Wladimir Klitschko (52-3, 46 KOs) stopped Hasim Rahman in the seventh round of the title fight in Mannheim."),
            ("2024-03-02", "Champion Wladimir Klitschko, 53-3, 47 KOs, stopped Hasim Rahman in the seventh round of the title fight in Mannheim."),
        ],
        &["conflict score tension: 52-3 [1: 52-3] | 53-3 [2: 53-3]"],
    );
}

// --- Slots helper (slots3): which values of different reports are one slot. ---

#[test]
fn a_running_total_is_not_one_operations_count() {
    // "14 rifles" seized "in five operations so far" is a total; the report that gives it
    // beside the operation's six does not dispute the report that gives 14 for the operation.
    check(
        &[
            ("2024-03-02", "Sailors seized six rifles from the pirate boat on Thursday."),
            ("2024-03-02", "Sailors seized six rifles from the pirate boat on Thursday. In their five patrols so far, the sailors have seized 14 rifles."),
            ("2024-03-02", "Sailors seized 14 rifles from the pirate boat on Thursday."),
        ],
        &[
            "agree date -: 2024-02-29 [1: Thursday; 2: Thursday; 3: Thursday]",
            "conflict count contradiction: six rifles [1: six rifles; 2: six rifles] | 14 rifles [3: 14 rifles]",
        ],
    );
}

#[test]
fn counts_of_one_noun_named_alike_are_one_slot() {
    // "left hooks" in both: the same noun with the same word before it is one thing counted,
    // even when the sentences around it (past each report's lead) say it differently.
    check(
        &[
            ("2024-03-02", "Kovac retained his title. The bout was held in Hamburg. In the sixth Kovac landed a pair of left hooks to floor an unsteady Brandt, who spent most of the round on the ropes."),
            ("2024-03-02", "Kovac retained his title. The bout was held in Hamburg. Brandt, 36, soon grew more intent on survival than winning and fell from three consecutive left hooks in the sixth."),
        ],
        &[
            "agree place -: in Hamburg [1: Hamburg; 2: Hamburg]",
            "conflict count contradiction: a pair of left hooks [1: a pair of left hooks] | three consecutive left hooks [2: three consecutive left hooks]",
        ],
    );
}

// ---- values helper (values3): approximators sized to the number, vague lengths ----

#[test]
fn an_estimate_of_a_precise_amount_does_not_stretch_to_another() {
    check(
        &[
            ("2024-03-02", "The storm caused an estimated $102 million in damage to the port of Kelso on Friday, officials said."),
            ("2024-03-02", "The storm caused $108 million in damage to the port of Kelso on Friday, insurers said."),
        ],
        &[
            "agree date -: 2024-03-01 [1: Friday; 2: Friday]",
            "conflict money tension: an estimated $102 million [1: an estimated $102 million] | $108 million [2: $108 million]",
        ],
    );
}

#[test]
fn about_a_minute_reading_is_not_half_an_hour_wide() {
    check(
        &[
            ("2024-03-02", "The fire at the Kelso warehouse broke out at about 8:40 p.m. on Friday, firefighters said."),
            ("2024-03-02", "The fire at the Kelso warehouse broke out at 8:49 p.m. on Friday, police said."),
            ("2024-03-02", "The fire at the Kelso warehouse broke out at about 9 p.m. on Friday, neighbours said."),
        ],
        // "about 8:40" is 8:35 to 8:45, "about 9" half an hour either way.
        &[
            "agree date -: 2024-03-01 [1: 8:40 p.m. on Friday; 2: 8:49 p.m. on Friday; 3: 9 p.m. on Friday]",
            "agree place -: at Kelso [1: Kelso; 2: Kelso; 3: Kelso]",
            "conflict time tension: 20:49 [2: 8:49 p.m. on Friday; 3: 9 p.m. on Friday] | 20:40 [1: 8:40 p.m. on Friday]",
        ],
    );
}

#[test]
fn several_hours_is_a_length_between_three_and_nine_hours() {
    check(
        &[
            (
                "2024-03-02",
                "The siege of the Kelso bank lasted several hours on Friday, police said.",
            ),
            (
                "2024-03-02",
                "The siege of the Kelso bank lasted 12 hours on Friday, witnesses said.",
            ),
        ],
        &[
            "agree date -: 2024-03-01 [1: Friday; 2: Friday]",
            "conflict duration tension: several hours [1: several hours] | 12 hours [2: 12 hours]",
        ],
    );
}

#[test]
fn a_mark_in_a_round_is_time_elapsed_not_a_time_of_day() {
    check(
        &[
            ("2024-03-02", "The referee stopped the fight between Kovac and Lind 44 seconds into the seventh round on Saturday."),
            ("2024-03-02", "The referee stopped the fight between Kovac and Lind at the 2:15 mark of the seventh round on Saturday."),
        ],
        &[
            "agree date -: 2024-03-02 [1: Saturday; 2: Saturday]",
            "agree rank -: seventh round [1: seventh round; 2: seventh round]",
            "conflict duration contradiction: 44 seconds [1: 44 seconds] | 2:15 mark [2: 2:15 mark]",
        ],
    );
}

// --- roles helper (roles4): what each side's value is — places, agents, attribution ---

#[test]
fn a_named_persons_home_town_is_a_slot_of_that_person() {
    // Two towns of one area, neither within the other (the gazetteer knows both as towns):
    // one man does not live in both.
    check(
        &[
            ("2024-03-02", "Police arrested Mark Delaney, 42, of Pasadena, after the crash on Tuesday."),
            ("2024-03-02", "Troopers said the driver, Mark Delaney, 42, of Glendale, was arrested after the crash."),
        ],
        &[
            "agree measure -: 42 years old [1: 42; 2: 42]",
            "conflict place contradiction: of Pasadena [1: Pasadena] | of Glendale [2: Glendale]",
        ],
    );
}

#[test]
fn a_town_and_the_county_that_holds_it_are_not_at_odds() {
    // "Los Angeles County" holds Santa Monica: no conflict, whatever the sentences share.
    check(
        &[
            ("2024-03-02", "The singer checked into the Seaview Clinic in Santa Monica on Friday, her publicist said."),
            ("2024-03-02", "The singer checked into the Seaview Clinic in Los Angeles County on Friday, her publicist said."),
        ],
        &[
            "agree date -: 2024-03-01 [1: Friday; 2: Friday]",
            "agree place -: into Seaview Clinic [1: Seaview Clinic; 2: Seaview Clinic]",
        ],
    );
}

#[test]
fn one_named_facility_is_not_in_two_towns() {
    check(
        &[
            ("2024-03-02", "The singer checked into the Seaview Clinic in Santa Monica on Friday, her publicist said."),
            ("2024-03-02", "The singer checked into the Seaview Clinic in Culver City on Friday, her publicist said."),
        ],
        &[
            "agree date -: 2024-03-01 [1: Friday; 2: Friday]",
            "agree place -: into Seaview Clinic [1: Seaview Clinic; 2: Seaview Clinic]",
            "conflict place contradiction: in Santa Monica [1: Santa Monica] | in Culver City [2: Culver City]",
        ],
    );
}

#[test]
fn a_ship_of_a_navy_is_no_other_actor_than_the_navy() {
    // "the Indian Navy" names a body with a common word: it acts through its ships, so the
    // count its ship reports is the same slot, not another actor's.
    check(
        &[
            ("2024-03-02", "The Indian Navy intercepted three pirate boats in the Gulf of Aden on Thursday, officials said."),
            ("2024-03-02", "The frigate INS Sukanya intercepted three pirate boats in the Gulf of Aden on Thursday, the statement said."),
        ],
        &[
            "agree count -: three pirate boats [1: three pirate boats; 2: three pirate boats]",
            "agree date -: 2024-02-29 [1: Thursday; 2: Thursday]",
            "agree place -: in Gulf [1: Gulf; 2: Gulf]",
        ],
    );
}

// Event coreference in slot joining (events helper): values told of one event (their verbs in
// one cluster of the fitted event model) are one slot in sentences that share few words. Each
// report opens with two other sentences: a lead's amounts meet another lead's anyway.

#[test]
fn counts_of_one_noun_on_one_event_meet_in_sentences_that_share_little() {
    check(
        &[
            (
                "2024-05-04",
                "Heavy fighting resumed in the northern province this week. Aid agencies warned of shortages of fuel and medicine. Rebel gunners fired 12 rockets at the garrison town of Hadley late on a stormy night, frightened villagers and shepherds recalled afterwards in long interviews.",
            ),
            (
                "2024-05-04",
                "The army announced new curfews across the region. Schools stayed closed for a second week. Militia fighters fired 20 rockets toward Hadley during heavy rain, while humanitarian convoys with medicine and flour waited near damaged bridges outside the capital.",
            ),
        ],
        &["conflict count contradiction: 12 rockets [1: 12 rockets] | 20 rockets [2: 20 rockets]"],
    );
}

#[test]
fn two_lengths_of_one_verb_that_name_nothing_stay_apart_when_they_differ() {
    // Two runs of one game, told with one verb: one event cluster, not one slot.
    check(
        &[
            (
                "2024-05-04",
                "The Jaguars lost to the Broncos on Sunday. The defense struggled throughout the second half. Drew ran for 10 yards on the opening drive against Denver before heavy rain soaked the crowded stadium and delayed television coverage.",
            ),
            (
                "2024-05-04",
                "Denver held on for a narrow win at home. The coach praised his young linebackers afterwards. Drew ran for two yards on the final play against Denver as tired supporters streamed toward parking lots and buses downtown.",
            ),
        ],
        &[],
    );
}

// Values read on both sides but not paired (issue 13, slots5): a month of an unknown year holds
// its days.

#[test]
fn a_day_of_a_month_falls_in_that_month_without_a_report_date() {
    check(
        &[
            ("", "The Falcons acquired Moreno from the Tigers in a July 29 trade, the club said."),
            ("", "The Falcons obtained Moreno from the Tigers in late July, the club said."),
            ("", "The Falcons obtained Moreno from the Tigers in early July, the club said."),
        ],
        &[
            "agree place -: from Tigers [1: Tigers; 2: Tigers; 3: Tigers]",
            "conflict date contradiction: --07-29 [1: July 29; 2: late July] | --07 (early) [3: early July]",
        ],
    );
}

// Noon is the edge of the morning and the afternoon: a time "around noon" is in neither, and
// the morning and the afternoon of one day are two times; a reading inside a part agrees with it.
// As dates, the parts of one day are that day.

#[test]
fn noon_is_neither_morning_nor_afternoon() {
    check(
        &[
            ("2024-05-08", "Firefighters found the two bodies in the Hale Street apartment at around noon on Tuesday, police said."),
            ("2024-05-08", "Firefighters found the two bodies in the Hale Street apartment on Tuesday afternoon, police said."),
            ("2024-05-08", "Firefighters found the two bodies in the Hale Street apartment on Tuesday morning, police said."),
            ("2024-05-08", "Firefighters found the two bodies in the Hale Street apartment at 10:40 a.m. on Tuesday, police said."),
        ],
        &[
            "agree count -: two bodies [1: two bodies; 2: two bodies; 3: two bodies; 4: two bodies]",
            "agree date -: 2024-05-07 [1: noon on Tuesday; 2: Tuesday afternoon; 3: Tuesday morning; 4: 10:40 a.m. on Tuesday]",
            "agree place -: in Hale Street [1: Hale Street; 2: Hale Street; 3: Hale Street; 4: Hale Street]",
            "conflict time tension: 10:40 [3: Tuesday morning; 4: 10:40 a.m. on Tuesday] | 12:00 [1: noon on Tuesday] | Tuesday afternoon [2: Tuesday afternoon]",
        ],
    );
}

// --- polarity helper (polarity5): negation, mood and attribution in scope (issue 13) ---
// An event is read through what a source said ("X said that …"), with its negation ("never",
// "no details", "remain un-…") and mood ("is expected to"); two reports conflict when they tell
// one event (one verb, two participants in common) with opposite polarity or mood.

#[test]
fn an_event_one_report_denies_and_another_tells_through_a_source_conflicts() {
    check(
        &[
            (
                "2024-05-04",
                "The singer Maria Duarte left the courthouse in a black van. Maria never checked into the Harbor Clinic, her manager told reporters.",
            ),
            (
                "2024-05-04",
                "Her lawyer told the judge that Duarte had checked into the Harbor Clinic, according to court papers.",
            ),
        ],
        &["conflict negation contradiction: check [2: Her lawyer told the judge that Duarte had checked into the Harbor Clinic, according to court papers.] | not check [1: Maria never checked into the Harbor Clinic, her manager told reporters.]"],
    );
}

#[test]
fn an_act_told_as_done_against_one_told_as_expected_is_a_tension() {
    check(
        &[
            (
                "2024-05-04",
                "Surgeon Paul Brenner has accepted the post of health minister, a newspaper reported on its website.",
            ),
            (
                "2024-05-04",
                "Brenner is expected to accept the post of health minister once talks over his salary end.",
            ),
        ],
        &["conflict negation tension: accept [1: Surgeon Paul Brenner has accepted the post of health minister, a newspaper reported on its website.] | expected to accept [2: Brenner is expected to accept the post of health minister once talks over his salary end.]"],
    );
}

/// Two reports that are no negation conflict (`expect`: the value comparisons they make).
fn no_conflict(a: &str, b: &str, expect: &[&str]) {
    check(&[("2024-05-04", a), ("2024-05-04", b)], expect);
}

#[test]
fn not_until_tells_when_it_happened() {
    no_conflict(
        "The Colts took the lead in the game when Ratliff ran back an interception.",
        "The Colts did not take the lead in the game until Ratliff ran back an interception.",
        &[],
    );
    no_conflict(
        "Residents of Dubai felt the tremor in their offices this morning.",
        "Residents of Dubai have not felt such a tremor in their offices before.",
        &[],
    );
}

#[test]
fn not_wanting_an_event_expects_nothing() {
    no_conflict(
        "The sack by Ratliff ended the game in the rain.",
        "You don't want to end the game on a sack by Ratliff in the rain.",
        &[],
    );
}

#[test]
fn offering_no_details_and_not_offering_them_agree() {
    no_conflict(
        "Police in Dayton offered no details about the bombing suspect.",
        "Police in Dayton did not offer details about the bombing suspect.",
        &["agree place -: in Dayton [1: Dayton; 2: Dayton]"],
    );
}

// A report that gives a vague amount ("several homes", three to nine) beside its count does not
// thereby state every count the vague one spans: its count is still set against another's.

#[test]
fn a_vague_amount_beside_a_count_does_not_state_the_other_reports_count() {
    check(
        &[
            ("2024-05-06", "The earthquake on Qeshm island injured five people on Sunday, the provincial governor told state radio."),
            ("2024-05-06", "The earthquake on Qeshm island injured two people on Sunday, and several people were evacuated from the damaged villages, the provincial governor told state radio."),
        ],
        &[
            "agree date -: 2024-05-05 [1: Sunday; 2: Sunday]",
            "agree place -: on Qeshm island [1: Qeshm island; 2: Qeshm island]",
            "conflict count contradiction: five people [1: five people] | two people [2: two people]",
        ],
    );
}

// A number coordinated with an age ("68 and 48-years-old") is an age too, not a count.

#[test]
fn a_number_coordinated_with_an_age_is_an_age() {
    check(
        &[
            ("2024-05-08", "Police found the bodies of two women, 68 and 48-years-old, inside a Hale Street apartment on Tuesday."),
            ("2024-05-08", "Police found the bodies of two women, 67 and 48-years-old, inside a Hale Street apartment on Tuesday."),
        ],
        &[
            "agree count -: two women [1: two women; 2: two women]",
            "agree date -: 2024-05-07 [1: Tuesday; 2: Tuesday]",
            "agree measure -: 48 years old [1: 48-years-old; 2: 48-years-old]",
            "conflict measure tension: 68 years old [1: 68] | 67 years old [2: 67]",
        ],
    );
}

// Event nouns as event mentions (events helper, #13): a length is of the happening it measures,
// and that happening may be a noun ("the offensive lasted", "a tremor was sensed"); two lengths
// of one event cluster, in sentences that share a name, are one slot.

#[test]
fn a_tremor_sensed_for_a_time_is_the_tremor_that_lasted() {
    check(
        &[
            (
                "2024-05-04",
                "Buildings swayed across the coast on Sunday. Nobody was hurt, officials said. In Dubai the tremor lasted 30 seconds, an office worker told local radio as colleagues gathered in the street below.",
            ),
            (
                "2024-05-04",
                "Residents were urged to stay calm. Schools reopened on Monday after inspections. A definite tremor was sensed in Dubai for one minute, according to messages posted on a popular community website.",
            ),
        ],
        &["conflict duration contradiction: 30 seconds [1: 30 seconds] | one minute [2: one minute]"],
    );
}

#[test]
fn lengths_of_a_tremor_in_two_cities_stay_apart() {
    // One event noun, but sentences that share no name: two places' tremors.
    check(
        &[
            (
                "2024-05-04",
                "Buildings swayed across the coast on Sunday. Nobody was hurt, officials said. In Dubai the tremor lasted 30 seconds, an office worker told local radio as colleagues gathered in the street below.",
            ),
            (
                "2024-05-04",
                "Residents were urged to stay calm. Schools reopened on Monday after inspections. A definite tremor was sensed in Doha for one minute, according to messages posted on a popular community website.",
            ),
        ],
        &[],
    );
}

// An age in letters ("Sixty-one-year-old Dana Whitfield") and an age after a comma ("Dana
// Whitfield, age 62,") are ages of the named person.

#[test]
fn ages_in_letters_and_after_age_are_the_named_persons() {
    check(
        &[
            (
                "2024-05-08",
                "Sixty-one-year-old Dana Whitfield was arrested on Friday and charged with arson.",
            ),
            (
                "2024-05-08",
                "Police arrested Dana Whitfield, age 62, on Friday and charged her with arson.",
            ),
        ],
        &[
            "agree date -: 2024-05-03 [1: Friday; 2: Friday]",
            "conflict measure tension: 61 years old [1: Sixty-one-year-old] | 62 years old [2: 62]",
        ],
    );
}

// Who did one act: one verb on one thing, its doers named by unrelated kinds of person.

#[test]
fn one_act_told_with_two_different_doers_is_a_tension() {
    check(
        &[
            ("2024-05-04", "The rangers found the missing hikers near the frozen lake."),
            ("2024-05-04", "A farmer's son found the missing hikers near the frozen lake."),
        ],
        &["conflict actor tension: ranger [1: The rangers found the missing hikers near the frozen lake.] | son [2: A farmer's son found the missing hikers near the frozen lake.]"],
    );
}

#[test]
fn a_body_and_its_members_or_a_described_name_are_no_other_doers() {
    // A body acts through people ("the navy" / "a teacher": not set against each other);
    // "party girl Kara Dean" is a named person, not a common-noun doer.
    no_conflict(
        "The navy rescued the stranded fishermen near the reef.",
        "A teacher rescued the stranded fishermen near the reef.",
        &[],
    );
    no_conflict(
        "Perennial party girl Kara Dean checked herself into a rehab center in Malibu.",
        "After a long tour, the actress checked herself into a rehab center in Malibu.",
        &["agree place -: in Malibu [1: Malibu; 2: Malibu]"],
    );
}
