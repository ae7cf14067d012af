/**
 * The head-office page's Users tab: a branch's users that head office manages (branchUsers.ts).
 * Head office creates a user, changes its role, disables or enables it and sets a new password
 * or PIN; the secret is typed here and sent once to head office, which keeps and sends down only
 * its hash. Users the branch made itself are the branch's and are not listed.
 */
import { roles, type Role } from '../../src-main/core/permissions';

const bi = (zh: string, en: string) => `${zh} <span class="en">${en}</span>`;

const roleNames: Record<Role, string> = {
  clerk: '仓管 Clerk',
  sales: '销售 Sales',
  accountant: '会计 Accountant',
  manager: '经理 Manager',
  admin: '管理员 Administrator',
};
const roleOptions = roles.map((r) => `<option value="${r}">${roleNames[r]}</option>`).join('');
const kindOptions = '<option value="password">密码 Password</option><option value="pin">PIN 数字码</option>';

function field(id: string, zh: string, en: string, control: string): string {
  return `<div class="field"><label for="${id}">${bi(zh, en)}</label>${control}</div>`;
}

export const usersSection = `
    <section class="card" data-panel="users" hidden>
      <h2>${bi('分店用户', 'Branch users')}</h2>
      <p class="hint">${bi(
        '总部管理的用户随同步下发到该分店的所有电脑；分店只能停用，不能改角色或密码。密码和 PIN 只以散列保存和下发。',
        "Users head office manages reach all of the branch's PCs by sync; the branch may only disable them. Passwords and PINs are kept and sent only as hashes.",
      )}</p>
      <form id="users-search" class="inline"><select id="users-branch" aria-label="分店 Branch"></select></form>
      <table id="users-table"><thead><tr><th>${bi('用户名', 'User name')}</th><th>${bi('姓名', 'Name')}</th><th>${bi('角色', 'Role')}</th><th>${bi('登录方式', 'Signs in with')}</th><th>${bi('状态', 'Status')}</th><th></th></tr></thead><tbody></tbody></table>
      <form id="user-reset" class="card sub" hidden>
        <h3 id="user-reset-title"></h3>
        <div class="grid">
          ${field('user-reset-kind', '登录方式', 'Signs in with', `<select id="user-reset-kind">${kindOptions}</select>`)}
          ${field('user-reset-secret', '新密码或 PIN', 'New password or PIN', '<input id="user-reset-secret" type="password" autocomplete="new-password" required maxlength="200">')}
        </div>
        <div class="actions"><button type="submit">保存 Save</button><button type="button" class="secondary" id="user-reset-cancel">取消 Cancel</button></div>
        <p id="user-reset-error" class="error" role="alert"></p>
      </form>
      <form id="user-form" class="card sub">
        <h3>${bi('新建用户', 'New user')}</h3>
        <div class="grid">
          ${field('user-username', '用户名', 'User name', '<input id="user-username" required maxlength="32" autocomplete="off" placeholder="li.na">')}
          ${field('user-name', '姓名', 'Name', '<input id="user-name" required maxlength="60" autocomplete="off">')}
          ${field('user-role', '角色', 'Role', `<select id="user-role">${roleOptions}</select>`)}
          ${field('user-kind', '登录方式', 'Signs in with', `<select id="user-kind">${kindOptions}</select>`)}
          ${field('user-secret', '密码或 PIN', 'Password or PIN', '<input id="user-secret" type="password" autocomplete="new-password" required maxlength="200">')}
        </div>
        <p class="hint">${bi('密码至少 8 位；PIN 为 4–8 位数字。', 'A password has at least 8 characters; a PIN is 4–8 digits.')}</p>
        <div class="actions"><button type="submit">新建 Create</button></div>
        <p id="user-form-error" class="error" role="alert"></p>
      </form>
    </section>
`;

export const adminUsersScript = String.raw`
  var roleNames = ${JSON.stringify(roleNames)};
  var resetUser = null;

  /** The server's refusal in words, with the first field it names. */
  function refusal(err) {
    var issue = err.issues && err.issues[0];
    return '出错 Error: ' + err.message + (issue ? ' · ' + (issue.path || '') + ' ' + (issue.message || '') : '');
  }
  function userFailed(target) {
    return function (err) { if (err.status === 401) { fail(err); return; } $(target).textContent = refusal(err); };
  }

  function loadUserBranches() {
    return api('GET', '/admin/v1/overview').then(function (data) {
      var select = $('users-branch');
      var chosen = select.value;
      select.replaceChildren();
      data.branches.forEach(function (b) { option(select, b.id, b.code + ' ' + b.name); });
      if (chosen) select.value = chosen;
    });
  }

  function changeUser(id, body) {
    return api('PUT', '/admin/v1/users/' + id, body).then(loadUsers);
  }

  function loadUsers() {
    var body = $('users-table').tBodies[0];
    var branchId = $('users-branch').value;
    $('user-form').hidden = !branchId;
    if (!branchId) { body.replaceChildren(); emptyRow(body, 6, '请先新建分店 Create a branch first'); return Promise.resolve(); }
    return api('GET', '/admin/v1/branches/' + branchId + '/users').then(function (data) {
      body.replaceChildren();
      data.users.forEach(function (u) {
        var tr = document.createElement('tr');
        if (!u.active) tr.className = 'inactive';
        cell(tr, u.username);
        cell(tr, u.displayName);
        var roleCell = cell(tr, '');
        var role = document.createElement('select');
        role.setAttribute('aria-label', '角色 Role ' + u.username);
        Object.keys(roleNames).forEach(function (r) { option(role, r, roleNames[r]); });
        role.value = u.role;
        role.addEventListener('change', function () { changeUser(u.id, { role: role.value }).catch(userFailed('user-form-error')); });
        roleCell.appendChild(role);
        cell(tr, u.credentialKind === 'pin' ? 'PIN' : '密码 Password');
        cell(tr, u.active ? '启用 Active' : '已停用 Disabled');
        var actions = cell(tr, '');
        actions.appendChild(button(u.active ? '停用 Disable' : '启用 Enable', function () {
          changeUser(u.id, { active: !u.active }).catch(userFailed('user-form-error'));
        }));
        actions.appendChild(document.createTextNode(' '));
        actions.appendChild(button('重置密码 Reset password', function () {
          resetUser = u;
          $('user-reset-title').textContent = '重置 Reset · ' + u.username + ' ' + u.displayName;
          $('user-reset-kind').value = u.credentialKind;
          $('user-reset-secret').value = '';
          $('user-reset-error').textContent = '';
          $('user-reset').hidden = false;
          $('user-reset-secret').focus();
        }));
        body.appendChild(tr);
      });
      emptyRow(body, 6, '总部尚未为该分店建用户 No users from head office at this branch');
    });
  }

  tabLoaders.users = function () { return loadUserBranches().then(loadUsers); };
  inits.push(function () {
    $('users-branch').addEventListener('change', function () { $('user-reset').hidden = true; loadUsers().catch(fail); });
    $('user-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      $('user-form-error').textContent = '';
      var body = {
        username: $('user-username').value.trim(),
        displayName: $('user-name').value.trim(),
        role: $('user-role').value,
        credential: { kind: $('user-kind').value, secret: $('user-secret').value },
      };
      api('POST', '/admin/v1/branches/' + $('users-branch').value + '/users', body)
        .then(function () { $('user-form').reset(); return loadUsers(); })
        .catch(userFailed('user-form-error'));
    });
    $('user-reset').addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (!resetUser) return;
      $('user-reset-error').textContent = '';
      changeUser(resetUser.id, { credential: { kind: $('user-reset-kind').value, secret: $('user-reset-secret').value } })
        .then(function () { $('user-reset').hidden = true; $('user-reset-secret').value = ''; resetUser = null; status('已重置 Reset'); })
        .catch(userFailed('user-reset-error'));
    });
    $('user-reset-cancel').addEventListener('click', function () { $('user-reset').hidden = true; resetUser = null; });
  });
`;
