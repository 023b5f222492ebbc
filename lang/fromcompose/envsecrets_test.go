package fromcompose

import "testing"

func TestCredentialName(t *testing.T) {
	for name, want := range map[string]bool{
		"POSTGRES_PASSWORD": true, "GRAYLOG_PASSWORD_SECRET": true, "SMTP_AUTH_PASS": true,
		"STRIPE_API_KEY": true, "AWS_SECRET_ACCESS_KEY": true, "GITHUB_TOKEN": true, "db.password": true,
		"MINIO_ROOT_PWD": true, "APIKEY": true,
		"PASSENGER_APP_ENV": false, "AUTHOR_NAME": false, "OAUTH_REDIRECT_URL": false, "COMPASS_URL": false,
		"CACHE_KEY_PREFIX": false, "TOKENIZER_MODEL": false, "LOG_LEVEL": false,
	} {
		if got := credentialName(name); got != want {
			t.Errorf("credentialName(%q) = %v, want %v", name, got, want)
		}
	}
}
