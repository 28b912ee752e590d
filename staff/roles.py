"""The four roles, as Django groups created by ``reviews/migrations/0002_roles_and_workflow``.

Other apps grant their own permissions to these groups by name in their own data migrations
(e.g. campaigns gives ``MARKETING`` its campaign and reach-report permissions); the group
names are therefore part of the contract and do not change.

Data migrations spell the names out instead of importing them: a migration is history, and
importing today's module would tie it to code that may move (and make a lower app's migration
depend on this one).
"""

EDITORS = "Editors"
REVIEWERS = "Consumer-protection reviewers"
MARKETING = "Marketing"
ADMINISTRATORS = "Administrators"

ALL = (EDITORS, REVIEWERS, MARKETING, ADMINISTRATORS)

WORKFLOW_NAME = "Consumer-protection review"
TASK_NAME = "Consumer-protection review"
