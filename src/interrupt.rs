//! Ctrl-C and SIGTERM during `build` (part of the binary, not the library): before publishing
//! starts nothing has been written and the process ends at once; while the site is being
//! written, the build is asked to stop, removes its temporary folder and leaves the previous
//! site whole.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

static PUBLISHING: AtomicBool = AtomicBool::new(false);

/// Installs the handler; the returned flag is set when a signal arrives while publishing.
pub fn on_signal() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    // If a handler cannot be installed the build still works; it just cannot clean up.
    let _ = ctrlc::set_handler(move || {
        if !PUBLISHING.load(Ordering::SeqCst) {
            std::process::exit(130);
        }
        flag.store(true, Ordering::SeqCst);
    });
    stop
}

/// While alive, signals are turned into a request to stop instead of ending the process: from
/// the moment the build takes its output until the site is published or abandoned, so that its
/// temporary folder is always removed.
pub struct Publishing(());

impl Publishing {
    pub fn start() -> Self {
        PUBLISHING.store(true, Ordering::SeqCst);
        Self(())
    }
}

impl Drop for Publishing {
    fn drop(&mut self) {
        PUBLISHING.store(false, Ordering::SeqCst);
    }
}
