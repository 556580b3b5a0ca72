/**
 * The Spring Cloud Gateway in front of every service: checks Keycloak tokens, applies the per-route role rules,
 * limits request rates and sizes, adds security headers and a correlation id, and keeps an access log without
 * personal data.
 */
package org.tributary.gateway;
