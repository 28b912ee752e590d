"""The four roles, as Django groups created by ``migrations/0002_roles_and_workflow``.

Other apps grant their own permissions to these groups by name in their own data migrations
(e.g. campaigns gives ``MARKETING`` its campaign and reach-report permissions); the group
names are therefore part of the contract and do not change.
"""

EDITORS = "Editors"
REVIEWERS = "Consumer-protection reviewers"
MARKETING = "Marketing"
ADMINISTRATORS = "Administrators"

ALL = (EDITORS, REVIEWERS, MARKETING, ADMINISTRATORS)

WORKFLOW_NAME = "Consumer-protection review"
TASK_NAME = "Consumer-protection review"
