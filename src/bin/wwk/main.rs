//! `wwk`: the Wijkwaardenkaart command line, for coordinators and scripts.
//!
//! Every command calls the same core functions as the desktop app. Output is
//! Dutch for people; with `--json`, stdout carries exactly one JSON document.
//! Exit codes: 0 ok · 1 usage · 2 invalid input (nothing changed) · 3 store
//! cannot be opened.

mod commands;
mod output;

use clap::{Parser, Subcommand};
use output::{CliError, Out};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "wwk",
    version,
    about = "Wijkwaardenkaart: opslag, demo-data, statistiek en zoeken"
)]
pub struct Cli {
    /// Pad naar de opslag (standaard: de gegevensmap van Wijkwaardenkaart, of $WWK_DB)
    #[arg(long, global = true, value_name = "PAD")]
    pub db: Option<PathBuf>,
    /// Uitvoer als één JSON-document
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Maak een nieuwe versleutelde opslag (wachtwoord uit $WWK_PASSPHRASE of prompt)
    Init(commands::init::Args),
    /// Wijzig het wachtwoord (nieuw wachtwoord uit $WWK_NEW_PASSPHRASE of prompt)
    Passwd,
    /// Vul de opslag met een synthetische, reproduceerbare Nijmeegse dataset
    Demo(commands::demo::Args),
    /// Aantallen per soort gegeven of per wijk
    Stats(commands::stats::Args),
    /// Zoek in verhalen en citaten
    Search(commands::search::Args),
    /// Maak een anoniem wijkprofiel als PDF
    Report(commands::report::Args),
    /// Bekijk of laad catalogi (waarden, regelingen, codes)
    #[command(subcommand)]
    Catalog(commands::catalog::Cmd),
    /// Maak een coördinatorsleutel (age) en toon de publieke sleutel
    Keygen(commands::keygen::Args),
    /// Schrijf een versleuteld exportbestand (.wwk) voor de coördinator
    Export(commands::export::Args),
    /// Controleer exportbestanden volledig, zonder iets te wijzigen
    Verify(commands::verify::Args),
    /// Voeg exportbestanden samen in deze opslag en toon het ontvangstbewijs
    Merge(commands::merge::Args),
    /// Bekijk of los conflicten uit samenvoegingen op
    Conflicts(commands::conflicts::Args),
    /// Anonieme tabel voor analisten (CSV of XLSX): per gebied, gesprek of voorzieningencheck
    Table(commands::table::Args),
    /// Importeer voorzieningenchecks uit een spreadsheet (CSV of XLSX)
    ImportChecks(commands::import_checks::Args),
    /// Verwijder persoonsgegevens die ouder zijn dan de bewaartermijn
    Purge(commands::purge::Args),
    /// Toon of wijzig de bewaartermijn van persoonsgegevens
    Retention(commands::retention::Args),
    /// Gegevens van een bewoner: zoeken, inzage (JSON) of wissen
    #[command(subcommand)]
    Resident(commands::resident::Cmd),
    /// Rondes: maken, wijzigen (ook programma en doelen) en tonen
    #[command(subcommand)]
    Campaign(commands::campaign::Cmd),
    /// Bezoeken aan de deur vastleggen (zoals de looplijst)
    #[command(subcommand)]
    Visit(commands::field::VisitCmd),
    /// Gesprekken vastleggen (zoals het gespreksscherm)
    #[command(subcommand)]
    Conversation(commands::field::ConversationCmd),
    /// Doorverwijzingen vastleggen
    #[command(subcommand)]
    Referral(commands::field::ReferralCmd),
    /// Jaardoelen per programma: vastleggen en tonen (voor wwk report --year)
    #[command(subcommand)]
    Target(commands::campaign::TargetCmd),
    /// Complexen in een wijk: maken, tonen en adressen toewijzen
    #[command(subcommand)]
    Complex(commands::complex::Cmd),
    /// Voorzieningencheck: vastleggen, volgende stappen (aanvraag, toekenning) en tonen
    #[command(subcommand)]
    Check(commands::check::Cmd),
    /// Collectieve acties in een wijk of complex: vastleggen, bijwerken en tonen
    #[command(subcommand)]
    Collective(commands::collective::Cmd),
    /// Meedoen: leg vast dat een bewoner wil meedoen, of toon het per huishouden
    #[command(subcommand)]
    Participation(commands::participation::Cmd),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // With --json, even a usage error is one JSON document on stdout.
            let json = std::env::args_os().any(|a| a == "--json");
            if json && e.use_stderr() {
                let err = output::usage_error(&e);
                Out::new(true).error(&err);
                return ExitCode::from(err.exit);
            }
            let code = if e.use_stderr() { 1 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let out = Out::new(cli.json);
    let db = cli
        .db
        .clone()
        .unwrap_or_else(wijkwaardenkaart::store::default_db_path);
    let result: Result<(), CliError> = match &cli.command {
        Command::Init(a) => commands::init::run(&db, a, &out),
        Command::Passwd => commands::passwd::run(&db, &out),
        Command::Demo(a) => commands::demo::run(&db, a, &out),
        Command::Stats(a) => commands::stats::run(&db, a, &out),
        Command::Search(a) => commands::search::run(&db, a, &out),
        Command::Catalog(c) => commands::catalog::run(&db, c, &out),
        Command::Keygen(a) => commands::keygen::run(a, &out),
        Command::Export(a) => commands::export::run(&db, a, &out),
        Command::Verify(a) => commands::verify::run(&db, a, &out),
        Command::Merge(a) => commands::merge::run(&db, a, &out),
        Command::Conflicts(a) => commands::conflicts::run(&db, a, &out),
        Command::Report(a) => commands::report::run(&db, a, &out),
        Command::Table(a) => commands::table::run(&db, a, &out),
        Command::ImportChecks(a) => commands::import_checks::run(&db, a, &out),
        Command::Purge(a) => commands::purge::run(&db, a, &out),
        Command::Retention(a) => commands::retention::run(&db, a, &out),
        Command::Resident(c) => commands::resident::run(&db, c, &out),
        Command::Check(c) => commands::check::run(&db, c, &out),
        Command::Collective(c) => commands::collective::run(&db, c, &out),
        Command::Participation(c) => commands::participation::run(&db, c, &out),
        Command::Complex(c) => commands::complex::run(&db, c, &out),
        Command::Campaign(c) => commands::campaign::run(&db, c, &out),
        Command::Visit(c) => commands::field::run_visit(&db, c, &out),
        Command::Conversation(c) => commands::field::run_conversation(&db, c, &out),
        Command::Referral(c) => commands::field::run_referral(&db, c, &out),
        Command::Target(c) => commands::campaign::run_target(&db, c, &out),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            out.error(&e);
            ExitCode::from(e.exit)
        }
    }
}
