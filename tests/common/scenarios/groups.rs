//! Groups, recorded against moto: create, read, update, membership, delete, and every listing
//! over more than one page.

use cognito::AttrMap;
use serde_json::json;

use super::setup::{with, Prepared, Setup};
use super::sign_in;
use crate::common::rig::{access_claim, service_code, Rig, PASSWORD};

const ROLE: &str = "arn:aws:iam::123456789012:role/surface-test-admins";

/// create_group → get_group → update_group → add, list both ways, remove → delete_group.
pub(crate) fn groups_setup(setup: &Setup) -> Prepared {
    let prepared = setup.pool("surface-groups", false, json!({}));
    let pool = prepared.context["user_pool_id"].clone();
    setup.user(&pool, "mona", &[("email", "mona@example.com")]);
    with(prepared, &[("username", "mona"), ("group", "admins")])
}

pub(crate) fn groups(rig: &Rig) {
    let admin = rig.admin();
    let group = rig.ctx("group");
    let created = admin
        .create_group(group, Some("Administrators"), Some(1), Some(ROLE))
        .expect("create_group succeeds");
    assert_eq!(created.group_name, group, "GroupName");
    assert_eq!(
        created.description.as_deref(),
        Some("Administrators"),
        "Description"
    );
    assert_eq!(created.precedence, Some(1), "Precedence");
    assert_eq!(created.role_arn.as_deref(), Some(ROLE), "RoleArn");
    assert_eq!(
        created.user_pool_id.as_deref(),
        Some(rig.ctx("user_pool_id")),
        "pool"
    );
    assert!(created.creation_date.is_some(), "CreationDate");
    let code = service_code(
        admin.create_group(group, None, None, None),
        "a second create",
    );
    assert_eq!(code, "GroupExistsException", "duplicate group");

    let fetched = admin.get_group(group).expect("get_group succeeds");
    assert_eq!(fetched, created, "get_group returns what create_group made");

    admin
        .update_group(group, Some("Admins, renamed"), Some(2), None)
        .expect("update_group succeeds");
    assert_eq!(
        rig.last_body("UpdateGroup"),
        json!({"GroupName": group, "UserPoolId": rig.ctx("user_pool_id"),
               "Description": "Admins, renamed", "Precedence": 2}),
        "UpdateGroup sends only what changes"
    );
    let updated = admin.get_group(group).expect("get_group succeeds");
    assert_eq!(
        updated.description.as_deref(),
        Some("Admins, renamed"),
        "updated"
    );
    assert_eq!(updated.precedence, Some(2), "updated");

    admin
        .admin_add_user_to_group("mona", group)
        .expect("admin_add_user_to_group succeeds");
    let groups = admin
        .admin_list_groups_for_user("mona")
        .expect("admin_list_groups_for_user succeeds");
    let names: Vec<&str> = groups.iter().map(|g| g.group_name.as_str()).collect();
    assert_eq!(names, [group], "mona's groups");
    let mapped = rig
        .builder()
        .attr_map(AttrMap::from([("email", "mail")]))
        .build()
        .unwrap();
    let members = mapped
        .list_users_in_group(group)
        .expect("list_users_in_group succeeds");
    assert_eq!(members.len(), 1, "one member");
    assert_eq!(members[0].username, "mona", "the member");
    assert_eq!(
        members[0].attributes.get("mail"),
        Some("mona@example.com"),
        "converted with the attr_map"
    );

    let mona = rig.user(rig.ctx("username"));
    sign_in(&mona, PASSWORD);
    assert_eq!(
        access_claim(&mona, "cognito:groups"),
        json!([group]),
        "the access token names the group"
    );

    admin
        .admin_remove_user_from_group("mona", group)
        .expect("admin_remove_user_from_group succeeds");
    let groups = admin
        .admin_list_groups_for_user("mona")
        .expect("admin_list_groups_for_user succeeds");
    assert!(groups.is_empty(), "no groups left: {groups:?}");

    admin.delete_group(group).expect("delete_group succeeds");
    let code = service_code(admin.get_group(group), "get_group after delete");
    assert_eq!(code, "ResourceNotFoundException", "deleted");
}

/// How many groups (and members) the paging pool holds: more than one page of 60.
pub(crate) const PAGED_GROUPS: usize = 62;

/// get_groups, admin_list_groups_for_user and list_users_in_group over two pages each.
pub(crate) fn groups_paging_setup(setup: &Setup) -> Prepared {
    let prepared = setup.pool("surface-groups-paging", false, json!({}));
    let pool = prepared.context["user_pool_id"].clone();
    setup.user(&pool, "nina", &[]);
    for i in 0..PAGED_GROUPS {
        let group = format!("group-{i:02}");
        setup.group(&pool, &group);
        setup.add_to_group(&pool, "nina", &group);
    }
    for i in 1..PAGED_GROUPS {
        let member = format!("member-{i:02}");
        setup.created(&pool, &member, &[]);
        setup.add_to_group(&pool, &member, "group-00");
    }
    with(prepared, &[("username", "nina")])
}

pub(crate) fn groups_paging(rig: &Rig) {
    let admin = rig.admin();
    let mark = rig.mark();
    let groups = admin.get_groups().expect("get_groups succeeds");
    assert_eq!(groups.len(), PAGED_GROUPS, "every group");
    assert_eq!(
        rig.operations_since(mark),
        ["ListGroups", "ListGroups"],
        "two pages"
    );
    assert!(
        rig.last_body("ListGroups")["NextToken"].is_string(),
        "NextToken"
    );

    let mark = rig.mark();
    let groups = admin
        .admin_list_groups_for_user("nina")
        .expect("admin_list_groups_for_user succeeds");
    assert_eq!(groups.len(), PAGED_GROUPS, "all of nina's groups");
    assert_eq!(
        rig.operations_since(mark),
        ["AdminListGroupsForUser", "AdminListGroupsForUser"],
        "two pages"
    );
    assert!(
        rig.last_body("AdminListGroupsForUser")["NextToken"].is_string(),
        "NextToken"
    );

    let mark = rig.mark();
    let members = admin
        .list_users_in_group("group-00")
        .expect("list_users_in_group succeeds");
    assert_eq!(members.len(), PAGED_GROUPS, "nina and 61 members");
    assert_eq!(
        rig.operations_since(mark),
        ["ListUsersInGroup", "ListUsersInGroup"],
        "two pages"
    );
    assert!(
        rig.last_body("ListUsersInGroup")["NextToken"].is_string(),
        "NextToken"
    );
    assert!(
        members.iter().any(|u| u.username == "nina"),
        "nina is a member"
    );
}
