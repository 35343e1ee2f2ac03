//! Requests a page starts and whose answers only that page shows. When the
//! page (or the part of it that started them) goes, they stop where they are
//! waiting: an answer arriving later would read the page's values, which
//! Leptos has let go, and reading one stops the whole app.

use futures::future::{abortable, AbortHandle};
use leptos::prelude::*;
use std::future::Future;
use std::sync::{Arc, Mutex};

type Handles = Arc<Mutex<Vec<AbortHandle>>>;

#[derive(Clone, Copy)]
pub struct PageTasks(StoredValue<Handles>);

impl PageTasks {
    /// The tasks of the component being built: stopped when it is disposed.
    pub fn new() -> PageTasks {
        let handles = Handles::default();
        let on_leave = handles.clone();
        on_cleanup(move || {
            if let Ok(mut handles) = on_leave.lock() {
                handles.drain(..).for_each(|h| h.abort());
            }
        });
        PageTasks(StoredValue::new(handles))
    }

    /// Starts `task`, unless its page has already gone.
    pub fn spawn(&self, task: impl Future<Output = ()> + 'static) {
        let (task, handle) = abortable(task);
        let Some(handles) = self.0.try_get_value() else { return };
        if let Ok(mut handles) = handles.lock() {
            handles.retain(|h| !h.is_aborted());
            handles.push(handle.clone());
        }
        leptos::task::spawn_local(async move {
            let _ = task.await;
            handle.abort(); // done: marked so that the next spawn lets go of its handle
        });
    }
}
