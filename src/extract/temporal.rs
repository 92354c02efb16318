//! Time expressions: finding them in a sentence and resolving them against the article date.
