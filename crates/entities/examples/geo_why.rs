//! Why the geocoder reads a name as it does: every candidate with its score, in the context of
//! the other names given.
//!
//! `cargo run --release -p corroborate-entities --example geo_why -- NAME [OTHER NAME]...`

use corroborate_entities::geo::Gazetteer;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((name, others)) = args.split_first() else {
        eprintln!("usage: geo_why NAME [OTHER NAME]...");
        std::process::exit(2);
    };
    let gaz = match Gazetteer::load_default() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let others: Vec<&str> = others.iter().map(String::as_str).collect();
    let ctx = gaz.context(&others);
    println!("countries {:?}", ctx.countries);
    println!("admin1 {:?}", ctx.admin1);
    for (p, s) in gaz.ranked(name, &ctx).into_iter().take(12) {
        println!(
            "{s:7.2}  {} {} {} {} ({:.3}, {:.3})",
            p.name, p.country, p.feature, p.geonames_id, p.lat, p.lon
        );
    }
    println!(
        "=> {:?}",
        gaz.geocode_mention(name, &ctx, false)
            .map(|p| (p.name, p.feature))
    );
}
