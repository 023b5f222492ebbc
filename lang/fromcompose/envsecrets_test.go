package fromcompose

import "testing"

func TestCredentialName(t *testing.T) {
	for name, want := range map[string]bool{
		"POSTGRES_PASSWORD": true, "GRAYLOG_PASSWORD_SECRET": true, "SMTP_AUTH_PASS": true,
		"STRIPE_API_KEY": true, "AWS_SECRET_ACCESS_KEY": true, "GITHUB_TOKEN": true, "db.password": true,
		"MINIO_ROOT_PWD": true, "APIKEY": true,
		"PASSENGER_APP_ENV": false, "AUTHOR_NAME": false, "OAUTH_REDIRECT_URL": false, "COMPASS_URL": false,
		"CACHE_KEY_PREFIX": false, "TOKENIZER_MODEL": false, "LOG_LEVEL": false,
		// a setting about a credential is none (makeplane/plane's
		// API_KEY_RATE_LIMIT: ${API_KEY_RATE_LIMIT:-60/minute})
		"API_KEY_RATE_LIMIT": false, "OIDC_AUTH_URL": false, "PASSWORD_MIN_LENGTH": false, "AWS_ACCESS_KEY_ID": false,
		"JWT_TOKEN_TTL": false, "SMTP_AUTH_USER": false,
		"SECRET_KEY_BASE": true, "ADMIN_PASSWORD_HASH": true, "REFRESH_TOKEN": true, "_APP_DB_PASS": true,
		"N8N_ENCRYPTION_KEY": true, "_APP_OPENSSL_KEY_V1": true, "APP_KEY": true, "GPG_PASSPHRASE": true, "PARTITION_KEY": false,
	} {
		if got := credentialName(name); got != want {
			t.Errorf("credentialName(%q) = %v, want %v", name, got, want)
		}
	}
}
