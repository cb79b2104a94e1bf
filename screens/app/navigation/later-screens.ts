// Every screen but the dashboard, in one chunk of the bundle that routes.ts loads after the
// first frame (the first frame draws only the dashboard; these were about 30 ms of a start).
export { AccountLabelScreen } from '../../account-label-screen';
export { AccountsScreen } from '../../accounts-screen';
export { AssumeScreen } from '../../assume-screen';
export { CreateRoleScreen } from '../../create-role-screen';
export { EditSettingScreen } from '../../edit-setting-screen';
export { EditTrustScreen } from '../../edit-trust-screen';
export { GuidedSetupScreen } from '../../guided-setup-screen';
export { LiveClientsScreen } from '../../live-clients-screen';
export { MfaScreen } from '../../mfa-screen';
export { RoleDetailScreen } from '../../role-detail-screen';
export { RolesScreen } from '../../roles-screen';
export { SessionDetailScreen } from '../../session-detail-screen';
export { SettingsScreen } from '../../settings-screen';
export { SsoLoginScreen } from '../../sso-login-screen';
export { TourScreen } from '../../tour-screen';
export { TrustPolicyFileScreen } from '../../trust-policy-file-screen';
export { TrustPolicyScreen } from '../../trust-policy-screen';
export { TrustedSideScreen } from '../../trusted-side-screen';
