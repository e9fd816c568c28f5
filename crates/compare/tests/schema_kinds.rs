//! Every kind of value a claim can hold is one the dossier's JSON Schema admits: a new kind
//! must be declared in `schema/dossier.schema.json` (`claims[].values[].kind`) as well.

use corroborate_compare::values::ValueKind;

/// Every kind, listed by a match without a wildcard, so that a new kind fails to compile here
/// until it is added.
fn every_kind() -> Vec<ValueKind> {
    use ValueKind::*;
    let all = vec![
        Duration, Date, Time, Count, Percent, Money, Measure, Rank, Route, Place, Score, Actor,
    ];
    for k in &all {
        match k {
            Duration | Date | Time | Count | Percent | Money | Measure | Rank | Route | Place
            | Score | Actor => {}
        }
    }
    all
}

#[test]
fn every_value_kind_is_in_the_dossier_schema() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../schema/dossier.schema.json"
    );
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("the schema file"))
            .expect("the schema is JSON");
    let allowed = schema["$defs"]["claim"]["properties"]["values"]["items"]["properties"]["kind"]
        ["enum"]
        .as_array()
        .expect("claims[].values[].kind is an enum in the schema");
    for k in every_kind() {
        let name = serde_json::to_value(k).expect("a kind serializes");
        assert!(
            allowed.contains(&name),
            "value kind {name} is written but not in the schema's enum"
        );
    }
}
