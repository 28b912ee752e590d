"""Images and documents: only those given "delete" delete, not everyone who may edit.

Wagtail's policy for both (``CollectionOwnershipPermissionPolicy``) treats deleting as
editing: whoever may change an image may delete it, and whoever may add images may change,
so delete, their own. An editor could then delete a poster or a comic panel that a live
lesson shows. This policy keeps Wagtail's rules for add, choose and change (an editor with
"add" edits the files they uploaded) and makes "delete" need the collection permission of
that name (``delete_image``, ``delete_document``), which only Administrators hold
(reviews/migrations/0007). Registered in ``ReviewsConfig.ready`` for the exact image and
document models, so it wins over Wagtail's own registration whichever runs first.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.documents import get_document_model, get_document_model_string
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permissions import register_permission_policy

DELETE = "delete"


def _split(actions):
    actions = set(actions)
    return DELETE in actions, actions - {DELETE}


class SeparateDeletePermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's ownership policy, with "delete" checked against its own permission."""

    def user_has_permission(self, user, action):
        if action == DELETE:
            return self._check_perm(user, [DELETE])
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        deletes, others = _split(actions)
        if not deletes:
            return super().users_with_any_permission(others)
        users = Q(pk__in=self._users_with_perm([DELETE]).values("pk"))
        if others:
            users |= Q(pk__in=super().users_with_any_permission(others).values("pk"))
        return get_user_model().objects.filter(users)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        deletes, others = _split(actions)
        if deletes and self._check_perm(user, [DELETE], collection=instance.collection):
            return True
        return bool(others) and super().user_has_any_permission_for_instance(
            user, others, instance
        )

    def instances_user_has_any_permission_for(self, user, actions):
        deletes, others = _split(actions)
        if not deletes:
            return super().instances_user_has_any_permission_for(user, others)
        manager = self.model._default_manager
        if not (user.is_active and user.is_authenticated):
            return manager.none()
        if user.is_superuser:
            return manager.all()
        instances = manager.filter(collection__in=self._collections_with_perm(user, [DELETE]))
        if others:
            instances |= super().instances_user_has_any_permission_for(user, others)
        return instances

    def users_with_any_permission_for_instance(self, actions, instance):
        deletes, others = _split(actions)
        if not deletes:
            return super().users_with_any_permission_for_instance(others, instance)
        users = self._users_with_perm_filter([DELETE], collection=instance.collection)
        if others:
            users |= Q(pk__in=super().users_with_any_permission_for_instance(
                others, instance).values("pk"))
        return get_user_model().objects.filter(users).distinct()

    def collections_user_has_any_permission_for(self, user, actions):
        deletes, others = _split(actions)
        if not deletes:
            return super().collections_user_has_any_permission_for(user, others)
        if user.is_active and user.is_superuser:
            return Collection.objects.all()
        if not user.is_authenticated:
            return Collection.objects.none()
        collections = self._collections_with_perm(user, [DELETE])
        if others:
            collections |= super().collections_user_has_any_permission_for(user, others)
        return collections


def register_media_permission_policies():
    register_permission_policy(
        get_image_model(),
        SeparateDeletePermissionPolicy(
            get_image_model(), auth_model="wagtailimages.Image",
            owner_field_name="uploaded_by_user",
        ),
        exact_class=True,
    )
    register_permission_policy(
        get_document_model(),
        SeparateDeletePermissionPolicy(
            get_document_model_string(), auth_model="wagtaildocs.Document",
            owner_field_name="uploaded_by_user",
        ),
        exact_class=True,
    )
