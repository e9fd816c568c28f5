//! The dossier that leaves the program (corroborate.dossier/1) and its renderings.
