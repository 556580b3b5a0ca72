/**
 * The Spring Cloud Gateway in front of every service. Not built yet: it comes with the issue "Security with
 * Keycloak: realm, secured Spring Cloud Gateway, resource servers, service accounts, access review".
 */
package org.tributary.gateway;
