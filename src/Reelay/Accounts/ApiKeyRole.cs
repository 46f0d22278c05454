namespace Reelay.Accounts;

public enum ApiKeyRole
{
    User,
    Admin,
}
