//! Rules of the `/people` page: who may be deleted or demoted (never lock the
//! Space out), what a new user needs before it is sent, the list's filters and
//! sort, and the plan for adding many Hugging Face users at once.

use crate::text::lowercase;
use crate::api::types::Role;
use crate::i18n::{k, number, t, tf, tn};
use std::collections::{BTreeMap, BTreeSet};

/// argilla-server 2.8's password rule (`USER_PASSWORD_MIN_LENGTH`/`MAX_LENGTH`).
pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 100;


#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: String,
    pub username: String,
    pub first_name: String,
    pub last_name: Option<String>,
    pub role: Role,
    pub inserted_at: String,
    /// Names of the workspaces they belong to.
    pub workspaces: Vec<String>,
}

impl Person {
    pub fn name(&self) -> String {
        match &self.last_name {
            Some(last) if !last.trim().is_empty() => format!("{} {}", self.first_name, last),
            _ => self.first_name.clone(),
        }
    }
}

/// A change to a user that could lock the Space out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Delete,
    Role(Role),
}

/// Why `change` to `target` is refused, if it is: nobody deletes or demotes
/// themself, and the last owner stays an owner.
pub fn refusal(me: &str, target: &Person, everyone: &[Person], change: Change) -> Option<String> {
    let demotes = match change {
        Change::Delete => true,
        Change::Role(role) => target.role == Role::Owner && role != Role::Owner,
    };
    let owners = everyone.iter().filter(|p| p.role == Role::Owner).count();
    if demotes && target.role == Role::Owner && owners <= 1 {
        return Some(if target.id == me { t(k::people::last_owner_you).to_owned() } else { tf(k::people::last_owner_named, &[("name", &target.username)]) });
    }
    if target.id == me {
        match change {
            Change::Delete => return Some(t(k::people::cannot_delete_self).into()),
            Change::Role(role) if role != target.role => return Some(t(k::people::cannot_change_own_role).into()),
            Change::Role(_) => {}
        }
    }
    None
}

/// A user to create, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NewUser {
    pub username: String,
    pub first_name: String,
    pub role: Option<Role>,
    /// Empty: a strong one is generated and shown once.
    pub password: String,
    pub workspaces: BTreeSet<String>,
}

pub fn password_problem(password: &str) -> Option<String> {
    let n = password.chars().count();
    (!(PASSWORD_MIN..=PASSWORD_MAX).contains(&n))
        .then(|| tf(k::people::password_length, &[("min", &number(PASSWORD_MIN as f64)), ("max", &number(PASSWORD_MAX as f64)), ("n", &number(n as f64))]))
}

/// Problems per input name, checked before anything is sent.
/// A taken username is left to the server (the list on screen may be old).
pub fn new_user_problems(user: &NewUser) -> BTreeMap<&'static str, String> {
    let mut problems = BTreeMap::new();
    if user.username.trim().is_empty() {
        problems.insert("username", t(k::people::username_needed).into());
    }
    if user.first_name.trim().is_empty() {
        problems.insert("first_name", t(k::people::first_name_needed).into());
    }
    if user.role.is_none() {
        problems.insert("role", t(k::people::pick_role).into());
    }
    if !user.password.is_empty() {
        if let Some(p) = password_problem(&user.password) {
            problems.insert("password", p);
        }
    }
    problems
}

/// A Hugging Face username: letters, digits, `-`, `_` and `.`, not starting
/// or ending with `-` or `.`, at most 96 characters.
pub fn is_hf_username(name: &str) -> bool {
    let ok_chars = name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    let edges = !name.starts_with(['-', '.']) && !name.ends_with(['-', '.']);
    !name.is_empty() && name.len() <= 96 && ok_chars && edges
}

/// What pasting Hugging Face usernames leads to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HfPlan {
    pub create: Vec<String>,
    pub existing: Vec<String>,
    pub invalid: Vec<String>,
}

/// Reads usernames separated by spaces, commas, semicolons or new lines,
/// also as `@name` or `https://huggingface.co/name`; each once, in order.
pub fn plan_hf_users(pasted: &str, taken: &[String]) -> HfPlan {
    let mut plan = HfPlan::default();
    let mut seen = BTreeSet::new();
    // Japanese and Chinese commas and semicolons (、，；) separate names too.
    for raw in pasted.split(|c: char| c.is_whitespace() || [',', ';', '、', '，', '；'].contains(&c)) {
        let name = raw.trim().trim_start_matches("https://").trim_start_matches("huggingface.co/").trim_start_matches('@').trim_end_matches('/');
        if name.is_empty() || !seen.insert(name.to_owned()) {
            continue;
        }
        if !is_hf_username(name) {
            plan.invalid.push(name.to_owned());
        } else if taken.iter().any(|t| t == name) {
            plan.existing.push(name.to_owned());
        } else {
            plan.create.push(name.to_owned());
        }
    }
    plan
}

/// How a bulk add went, user by user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BulkProgress {
    pub total: usize,
    pub created: Vec<String>,
    /// (username, the server's reason).
    pub failed: Vec<(String, String)>,
}

impl BulkProgress {
    pub fn new(total: usize) -> BulkProgress {
        BulkProgress { total, ..Default::default() }
    }
    pub fn done(&self) -> usize {
        self.created.len() + self.failed.len()
    }
    pub fn finished(&self) -> bool {
        self.done() >= self.total
    }
    pub fn summary(&self) -> String {
        let added = number(self.created.len() as f64);
        if self.failed.is_empty() {
            tn(k::people::bulk_summary, self.total, &[("added", &added)])
        } else {
            tn(k::people::bulk_summary_refused, self.total, &[("added", &added), ("refused", &number(self.failed.len() as f64))])
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Username,
    Name,
    Role,
    Created,
}

impl SortKey {
    pub const ALL: [SortKey; 4] = [SortKey::Username, SortKey::Name, SortKey::Role, SortKey::Created];
    pub fn key(self) -> &'static str {
        match self {
            SortKey::Username => "username",
            SortKey::Name => "name",
            SortKey::Role => "role",
            SortKey::Created => "created",
        }
    }
    pub fn parse(s: &str) -> SortKey {
        SortKey::ALL.into_iter().find(|k| k.key() == s).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Matches username or name, any case.
    pub search: String,
    pub role: Option<Role>,
    /// A workspace name.
    pub workspace: Option<String>,
    pub sort: SortKey,
    pub descending: bool,
}

fn role_rank(role: Role) -> u8 {
    match role {
        Role::Owner => 0,
        Role::Admin => 1,
        Role::Annotator => 2,
        Role::Other => 3,
    }
}

/// The people the query shows, in its order.
pub fn select<'a>(people: &'a [Person], q: &Query) -> Vec<&'a Person> {
    let needle = lowercase(q.search.trim());
    // Each username and name lower-cased once, for the search and the sort.
    let mut shown: Vec<(String, String, &Person)> = people
        .iter()
        .filter(|p| q.role.is_none_or(|r| p.role == r))
        .filter(|p| q.workspace.as_ref().is_none_or(|w| p.workspaces.contains(w)))
        .map(|p| (lowercase(&p.username), lowercase(&p.name()), p))
        .filter(|(username, name, _)| username.contains(&needle) || name.contains(&needle))
        .collect();
    shown.sort_by(|(a_username, a_name, a), (b_username, b_name, b)| {
        let by = match q.sort {
            SortKey::Username => a_username.cmp(b_username),
            SortKey::Name => a_name.cmp(b_name),
            SortKey::Role => role_rank(a.role).cmp(&role_rank(b.role)),
            SortKey::Created => a.inserted_at.cmp(&b.inserted_at),
        };
        let by = by.then_with(|| a.username.cmp(&b.username));
        if q.descending {
            by.reverse()
        } else {
            by
        }
    });
    shown.into_iter().map(|(_, _, p)| p).collect()
}

impl Query {
    /// Reads `?q=ada&role=admin&workspace=team&sort=created-desc`; unknown
    /// values fall back to the defaults.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Query {
        let (sort, dir) = get("sort").map(|s| s.split_once('-').map(|(k, d)| (k.to_owned(), d.to_owned())).unwrap_or((s, String::new()))).unwrap_or_default();
        Query {
            search: get("q").unwrap_or_default(),
            role: get("role").and_then(|r| Role::offered(&r)),
            workspace: get("workspace").filter(|w| !w.is_empty()),
            sort: SortKey::parse(&sort),
            descending: dir == "desc",
        }
    }

    /// The query parameters for this view, defaults left out.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut out = vec![];
        if !self.search.is_empty() {
            out.push(("q", self.search.clone()));
        }
        if let Some(role) = self.role {
            out.push(("role", role.label().to_owned()));
        }
        if let Some(w) = &self.workspace {
            out.push(("workspace", w.clone()));
        }
        if (self.sort, self.descending) != (SortKey::Username, false) {
            out.push(("sort", format!("{}-{}", self.sort.key(), if self.descending { "desc" } else { "asc" })));
        }
        out
    }
}

/// Why a new username for `target` is refused before sending, if it is.
pub fn username_problem(me: &str, target: &Person, everyone: &[Person], new: &str) -> Option<String> {
    let new = new.trim();
    if new == target.username {
        return None;
    }
    if new.is_empty() {
        return Some(t(k::people::username_needed).into());
    }
    if target.id == me {
        return Some(t(k::people::cannot_rename_self).into());
    }
    everyone.iter().any(|p| p.username == new && p.id != target.id).then(|| tf(k::people::username_taken, &[("name", &new)]))
}

/// The workspaces to join and to leave to go from `have` to `want`.
pub fn membership_changes(have: &BTreeSet<String>, want: &BTreeSet<String>) -> (Vec<String>, Vec<String>) {
    (want.difference(have).cloned().collect(), have.difference(want).cloned().collect())
}

/// The joins and leaves the user editor sends: only the workspaces ticked or
/// unticked since it opened (`started` → `picked`), and of those only what
/// the memberships `now` still need (another card may have made the change).
pub fn edited_membership_changes(started: &BTreeSet<String>, picked: &BTreeSet<String>, now: &BTreeSet<String>) -> (Vec<String>, Vec<String>) {
    let (join, leave) = membership_changes(started, picked);
    (join.into_iter().filter(|w| !now.contains(w)).collect(), leave.into_iter().filter(|w| now.contains(w)).collect())
}

/// Why removing `user` from a workspace is refused: an admin who removes
/// themself loses the workspace and cannot join it again.
pub fn member_removal_refusal(me: &str, my_role: Role, user: &str) -> Option<String> {
    (my_role != Role::Owner && user == me)
        .then(|| t(k::people::cannot_leave_workspace).into())
}

/// The names of the datasets that keep a workspace from being deleted;
/// `datasets` are (workspace id, dataset name).
pub fn blocking_datasets(workspace_id: &str, datasets: &[(String, String)]) -> Vec<String> {
    let mut names: Vec<String> = datasets.iter().filter(|(w, _)| w == workspace_id).map(|(_, n)| n.clone()).collect();
    names.sort();
    names
}

pub fn delete_workspace_refusal(name: &str, blocking: &[String]) -> Option<String> {
    (!blocking.is_empty()).then(|| tn(k::people::workspace_not_empty, blocking.len(), &[("name", &name), ("list", &crate::i18n::list(blocking))]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, role: Role) -> Person {
        Person {
            id: id.into(),
            username: id.into(),
            first_name: id.to_uppercase(),
            last_name: None,
            role,
            inserted_at: format!("2024-01-0{}", id.len()),
            workspaces: vec![],
        }
    }

    #[test]
    fn nobody_deletes_or_demotes_themself() {
        let all = vec![person("me", Role::Owner), person("other", Role::Owner)];
        assert!(refusal("me", &all[0], &all, Change::Delete).unwrap().contains("your own account"));
        assert!(refusal("me", &all[0], &all, Change::Role(Role::Admin)).unwrap().contains("your own role"));
        assert_eq!(refusal("me", &all[0], &all, Change::Role(Role::Owner)), None);
        assert_eq!(refusal("me", &all[1], &all, Change::Delete), None);
        assert_eq!(refusal("me", &all[1], &all, Change::Role(Role::Annotator)), None);
    }

    #[test]
    fn the_last_owner_stays_an_owner() {
        let all = vec![person("admin", Role::Admin), person("boss", Role::Owner), person("ann", Role::Annotator)];
        assert!(refusal("admin", &all[1], &all, Change::Delete).unwrap().contains("last owner"));
        assert!(refusal("admin", &all[1], &all, Change::Role(Role::Annotator)).unwrap().contains("last owner"));
        assert_eq!(refusal("boss", &all[2], &all, Change::Role(Role::Owner)), None);
        assert_eq!(refusal("boss", &all[2], &all, Change::Delete), None);
        assert_eq!(refusal("boss", &all[0], &all, Change::Role(Role::Annotator)), None);
    }

    #[test]
    fn a_new_user_is_checked_before_sending() {
        let mut u = NewUser { username: " ".into(), first_name: " ".into(), role: None, password: "short".into(), ..Default::default() };
        let p = new_user_problems(&u);
        assert_eq!(p.keys().copied().collect::<Vec<_>>(), vec!["first_name", "password", "role", "username"]);
        assert!(p["password"].contains("8 to 100"));
        u = NewUser { username: "bob".into(), first_name: "Bob".into(), role: Some(Role::Annotator), ..Default::default() };
        assert!(new_user_problems(&u).is_empty(), "an empty password is generated");
        u.password = "x".repeat(101);
        assert!(new_user_problems(&u).contains_key("password"));
        u.password = "ééééééé€".into();
        assert!(new_user_problems(&u).is_empty(), "characters, not bytes");
    }

    #[test]
    fn pasted_hugging_face_names_are_read_once_and_split_by_what_happens() {
        let plan = plan_hf_users("alice, @bob\nhttps://huggingface.co/carol/ ann;alice bad/name -x", &["ann".to_owned()]);
        assert_eq!(plan.create, vec!["alice", "bob", "carol"]);
        assert_eq!(plan.existing, vec!["ann"]);
        assert_eq!(plan.invalid, vec!["bad/name", "-x"]);
        let typed_in_japanese = plan_hf_users("dave、erin，frank；gwen\u{3000}hal", &[]);
        assert_eq!(typed_in_japanese.create, vec!["dave", "erin", "frank", "gwen", "hal"]);
        assert!(is_hf_username("Some_User.2"));
        assert!(!is_hf_username("a b"));
    }

    #[test]
    fn bulk_progress_counts_both_outcomes() {
        let mut p = BulkProgress::new(3);
        p.created.push("a".into());
        p.failed.push(("b".into(), "exists".into()));
        assert!(!p.finished());
        assert_eq!(p.summary(), "1 of 3 added, 1 refused");
        p.created.push("c".into());
        assert!(p.finished());
    }

    #[test]
    fn the_list_filters_by_name_role_and_workspace_and_sorts() {
        let mut a = person("zed", Role::Annotator);
        a.workspaces = vec!["w1".into()];
        let mut b = person("amy", Role::Admin);
        b.first_name = "Zoe".into();
        b.workspaces = vec!["w1".into(), "w2".into()];
        let c = person("bo", Role::Owner);
        let all = vec![a, b, c];
        let names = |q: &Query| select(&all, q).iter().map(|p| p.username.clone()).collect::<Vec<_>>();
        assert_eq!(names(&Query::default()), vec!["amy", "bo", "zed"]);
        assert_eq!(names(&Query { search: "ZO".into(), ..Default::default() }), vec!["amy"]);
        assert_eq!(names(&Query { role: Some(Role::Owner), ..Default::default() }), vec!["bo"]);
        assert_eq!(names(&Query { workspace: Some("w1".into()), ..Default::default() }), vec!["amy", "zed"]);
        assert_eq!(names(&Query { sort: SortKey::Role, ..Default::default() }), vec!["bo", "amy", "zed"]);
        assert_eq!(names(&Query { sort: SortKey::Name, descending: true, ..Default::default() }), vec!["amy", "zed", "bo"]);
        assert_eq!(names(&Query { sort: SortKey::Created, ..Default::default() }), vec!["bo", "amy", "zed"]);
        assert_eq!(SortKey::parse("created"), SortKey::Created);
    }

    #[test]
    fn the_list_view_round_trips_through_the_url() {
        let q = Query { search: "ad a".into(), role: Some(Role::Admin), workspace: Some("team one".into()), sort: SortKey::Created, descending: true };
        let pairs = q.to_query();
        assert_eq!(pairs, vec![("q", "ad a".to_owned()), ("role", "admin".into()), ("workspace", "team one".into()), ("sort", "created-desc".into())]);
        let get = |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone());
        assert_eq!(Query::from_query(get), q);
        assert!(Query::default().to_query().is_empty(), "the default view keeps the URL bare");
        let odd = Query::from_query(|k| match k { "role" => Some("boss".into()), "sort" => Some("name".into()), "workspace" => Some(String::new()), _ => None });
        assert_eq!(odd, Query { sort: SortKey::Name, ..Default::default() });
    }

    #[test]
    fn a_username_change_is_checked_before_sending() {
        let all = vec![person("me", Role::Owner), person("ann", Role::Annotator), person("bob", Role::Annotator)];
        assert_eq!(username_problem("me", &all[1], &all, "ann"), None, "unchanged");
        assert_eq!(username_problem("me", &all[1], &all, "anna"), None);
        assert!(username_problem("me", &all[1], &all, " bob ").unwrap().contains("already taken"));
        assert!(username_problem("me", &all[1], &all, "  ").unwrap().contains("needed"));
        assert!(username_problem("me", &all[0], &all, "boss").unwrap().contains("session"));
    }

    #[test]
    fn membership_changes_are_the_two_differences() {
        let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
        assert_eq!(membership_changes(&set(&["a", "b"]), &set(&["b", "c"])), (vec!["c".to_owned()], vec!["a".to_owned()]));
        assert_eq!(membership_changes(&set(&["a"]), &set(&["a"])), (vec![], vec![]));
    }

    #[test]
    fn the_editor_changes_only_what_was_ticked_in_it() {
        let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
        let none = (vec![], vec![]);
        // Opened in a; b added elsewhere since: saving nothing ticked leaves b alone.
        assert_eq!(edited_membership_changes(&set(&["a"]), &set(&["a"]), &set(&["a", "b"])), none);
        // a removed elsewhere, c ticked here: c joins, a is not joined again.
        assert_eq!(edited_membership_changes(&set(&["a"]), &set(&["a", "c"]), &set(&[])), (vec!["c".to_owned()], vec![]));
        // a unticked here, but already removed elsewhere: nothing to leave.
        assert_eq!(edited_membership_changes(&set(&["a", "b"]), &set(&["b"]), &set(&["b"])), none);
        assert_eq!(edited_membership_changes(&set(&["a", "b"]), &set(&["b"]), &set(&["a", "b", "d"])), (vec![], vec!["a".to_owned()]));
        // Ticked here, and joined elsewhere meanwhile: nothing to send.
        assert_eq!(edited_membership_changes(&set(&[]), &set(&["c"]), &set(&["c"])), none);
    }

    #[test]
    fn an_admin_does_not_remove_themself_from_a_workspace() {
        assert!(member_removal_refusal("me", Role::Admin, "me").unwrap().contains("lose access"));
        assert_eq!(member_removal_refusal("me", Role::Admin, "ann"), None);
        assert_eq!(member_removal_refusal("me", Role::Owner, "me"), None, "owners see every workspace anyway");
    }

    #[test]
    fn the_last_owner_is_named_also_when_it_is_you() {
        let all = vec![person("me", Role::Owner), person("ann", Role::Annotator)];
        assert!(refusal("me", &all[0], &all, Change::Delete).unwrap().starts_with("You are the last owner"));
        assert!(refusal("me", &all[0], &all, Change::Role(Role::Admin)).unwrap().starts_with("You are the last owner"));
    }

    #[test]
    fn a_workspace_with_datasets_is_not_deleted_and_says_which() {
        let ds = vec![("w1".to_owned(), "b".to_owned()), ("w2".to_owned(), "x".to_owned()), ("w1".to_owned(), "a".to_owned())];
        let blocking = blocking_datasets("w1", &ds);
        assert_eq!(blocking, vec!["a", "b"]);
        assert!(delete_workspace_refusal("team", &blocking).unwrap().contains("2 datasets: a, b"));
        assert_eq!(delete_workspace_refusal("empty", &blocking_datasets("w3", &ds)), None);
    }
}
