{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Principal": { "Federated": "cognito-identity.amazonaws.com" },
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {
      "StringEquals": { "cognito-identity.amazonaws.com:aud": "${pool_id}" },
      "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "${amr}" }
    }
  }
}
