#!/usr/bin/env bash
# trustlint's benchmark: generates inputs into bench/out/ and measures whole scans
# with /usr/bin/time (wall time and peak memory). Speed is measured here, never in
# unit tests. Usage: bench/run.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
bin="$build/trustlint"
out=bench/out
mkdir -p "$out"

# N CloudFormation templates, each one identity pool with an authenticated and a
# guest role and an attachment (roles trust the pool correctly, so the solver
# answers every question with a proof).
gen_cloudformation() {  # dir templates
  rm -rf "$1" && mkdir -p "$1"
  awk -v dir="$1" -v n="$2" 'BEGIN {
    for (i = 0; i < n; i++) {
      f = sprintf("%s/stack%04d.yaml", dir, i)
      print "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:" > f
      print "  Pool:\n    Type: AWS::Cognito::IdentityPool\n    Properties:\n      AllowUnauthenticatedIdentities: true" > f
      for (r = 0; r < 2; r++) {
        amr = r == 0 ? "authenticated" : "unauthenticated"
        printf "  Role%d:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n", r > f
        print "        Version: \"2012-10-17\"\n        Statement:\n          - Effect: Allow" > f
        print "            Principal: {Federated: cognito-identity.amazonaws.com}" > f
        print "            Action: sts:AssumeRoleWithWebIdentity\n            Condition:" > f
        print "              StringEquals: {\"cognito-identity.amazonaws.com:aud\": !Ref Pool}" > f
        printf "              ForAnyValue:StringLike: {\"cognito-identity.amazonaws.com:amr\": %s}\n", amr > f
        print "      Policies:\n        - PolicyName: data\n          PolicyDocument:\n            Version: \"2012-10-17\"" > f
        print "            Statement:\n              - {Effect: Allow, Action: [s3:GetObject, s3:PutObject], Resource: \"arn:aws:s3:::bucket/${!cognito-identity.amazonaws.com:sub}/*\"}" > f
      }
      print "  Attach:\n    Type: AWS::Cognito::IdentityPoolRoleAttachment\n    Properties:\n      IdentityPoolId: !Ref Pool" > f
      print "      Roles: {authenticated: !GetAtt Role0.Arn, unauthenticated: !GetAtt Role1.Arn}" > f
      close(f)
    }
  }'
}

# One Terraform module of about `mb` megabytes of S3 buckets: no IAM, so the scan
# is the HCL front end alone (parse throughput).
gen_terraform_plain() {  # dir mb
  rm -rf "$1" && mkdir -p "$1"
  awk -v f="$1/main.tf" -v mb="$2" 'BEGIN {
    limit = mb * 1024 * 1024; size = 0
    for (i = 0; size < limit; i++) {
      s = sprintf("resource \"aws_s3_bucket\" \"b%d\" {\n  bucket = \"bucket-${var.env}-%d\"\n  tags   = { team = \"x\", list = [1, 2, 3] }\n}\n\n", i, i)
      printf "%s", s > f
      size += length(s)
    }
    print "variable \"env\" {\n  default = \"dev\"\n}" > f
  }'
}

# One Terraform module of about `mb` megabytes of IAM roles with policy documents.
gen_terraform() {  # dir mb
  rm -rf "$1" && mkdir -p "$1"
  awk -v f="$1/main.tf" -v mb="$2" 'BEGIN {
    limit = mb * 1024 * 1024; size = 0
    for (i = 0; size < limit; i++) {
      s = sprintf("resource \"aws_iam_role\" \"r%d\" {\n  name = \"role-%d\"\n  assume_role_policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Effect = \"Allow\"\n      Principal = { Federated = \"cognito-identity.amazonaws.com\" }\n      Action = \"sts:AssumeRoleWithWebIdentity\"\n      Condition = {\n        StringEquals = { \"cognito-identity.amazonaws.com:aud\" = \"us-east-1:%08d-0000-0000-0000-000000000000\" }\n        \"ForAnyValue:StringLike\" = { \"cognito-identity.amazonaws.com:amr\" = \"authenticated\" }\n      }\n    }]\n  })\n}\n\n", i, i, i)
      printf "%s", s > f
      size += length(s)
    }
  }'
}

measure() {  # label bytes command...
  local label=$1 bytes=$2
  shift 2
  local log
  log=$(mktemp)
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || true
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  local secs
  secs=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  local rate="-"
  if [ "$bytes" -gt 0 ]; then rate=$(awk -v b="$bytes" -v s="$secs" 'BEGIN { if (s > 0) printf "%.1f MB/s", b / 1048576 / s; else print "-" }'); fi
  printf '%-44s %8ss %8.1f MiB peak  %s\n' "$label" "$secs" "$(awk -v k="$rss" 'BEGIN {print k/1024}')" "$rate"
  rm -f "$log"
}

size_of() { du -sb "$1" | awk '{print $1}'; }

echo "trustlint benchmark ($("$bin" version 2>/dev/null | head -1)), $(nproc) cores"
if [ -d ../shared/corpus ]; then
  measure "corpus (../shared/corpus)" "$(size_of ../shared/corpus)" "$bin" check ../shared/corpus --fail-on never
fi
gen_cloudformation "$out/cfn-500" 500
measure "CloudFormation: 500 pools, 1000 roles" "$(size_of "$out/cfn-500")" "$bin" check "$out/cfn-500" --fail-on never
# 6 MB: under the 8 MiB per-file cap (a 20 MB .tf is refused with TL001 before it is read).
gen_terraform_plain "$out/tf-plain-6mb" 6
measure "Terraform: 6 MB module, no IAM (HCL parse)" "$(size_of "$out/tf-plain-6mb")" "$bin" check "$out/tf-plain-6mb" --fail-on never
gen_terraform "$out/tf-roles-1mb" 1
measure "Terraform: 1 MB module, ~2,000 pool roles" "$(size_of "$out/tf-roles-1mb")" "$bin" check "$out/tf-roles-1mb" --fail-on never
