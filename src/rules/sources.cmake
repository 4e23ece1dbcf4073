list(APPEND TRUSTLINT_SOURCES
  src/rules/accounts.cpp
  src/rules/pool_settings.cpp
  src/rules/registry.cpp
  src/rules/tl001_input_parse_error.cpp
  src/rules/tl002_suppression_without_reason.cpp
  src/rules/tl101_trust_no_identity_condition.cpp
  src/rules/tl102_trust_any_pool.cpp
  src/rules/tl103_attached_role_not_assumable.cpp
  src/rules/tl104_auth_role_guest_assumable.cpp
  src/rules/tl105_role_shared_auth_unauth.cpp
  src/rules/tl106_condition_set_operator.cpp
  src/rules/tl107_cross_account_trust_without_aud.cpp
  src/rules/tl108_enhanced_flow_cross_account_role.cpp
  src/rules/tl110_trust_principal_wildcard.cpp
  src/rules/tl301_unauthenticated_identities_enabled.cpp
  src/rules/tl302_classic_flow_enabled.cpp
)
